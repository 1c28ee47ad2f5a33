/*
 * deferred-cancel — preloaded into the test programs that scan with SANE's
 * `test` backend (docs/scanning.md).
 *
 * The backend runs its reader in a thread that switches itself to
 * asynchronous cancellation, and sane_cancel() right after sane_start()
 * (an injected error, a cancelled scan) can then stop it inside malloc,
 * holding the allocator's lock for good: the next allocation or the leak
 * check at exit waits forever. Here every request for asynchronous
 * cancellation is kept deferred, so the reader stops at its next
 * cancellation point (the write into its pipe, its delay) instead. The
 * scanning code under test is unchanged; only the backend's thread is.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

int pthread_setcanceltype(int type, int *oldtype)
{
    (void)type;
    int (*real)(int, int *) = NULL;
    void *sym = dlsym(RTLD_NEXT, "pthread_setcanceltype");
    memcpy(&real, &sym, sizeof(real)); /* as POSIX's dlsym() means it */
    if (!real)
        return 0; /* cannot happen with a C library that has threads */
    return real(PTHREAD_CANCEL_DEFERRED, oldtype);
}
