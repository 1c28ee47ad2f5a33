/*
 * docfile — atomic writes of published office documents; see docfile.h.
 */
#include "sync/docfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/officedoc.h"

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) < 0 && errno != EEXIST)
        return -errno;
    return 0;
}

static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    int rc = fsync(fd) < 0 ? -errno : 0;
    close(fd);
    return rc;
}

static int write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

int sync_docfile_write(const char *dir, const char *name, const char *text, size_t len)
{
    char folder[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX];
    int fd = -1;
    int rc = officedoc_name(name, NULL, NULL);
    if (rc < 0)
        return rc;
    const char *slash = strchr(name, '/'); /* every accepted name has one */
    if (!slash)
        return -EINVAL;
    int n1 = snprintf(folder, sizeof(folder), "%s/%.*s", dir, (int)(slash - name), name);
    int n2 = snprintf(path, sizeof(path), "%s/%s", dir, name);
    int n3 = snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", folder, slash + 1);
    if (n1 < 0 || n2 < 0 || n3 < 0 || (size_t)n1 >= sizeof(folder) || (size_t)n2 >= sizeof(path) ||
        (size_t)n3 >= sizeof(tmp))
        return -ENAMETOOLONG;
    rc = make_dir(dir);
    if (rc == 0)
        rc = make_dir(folder);
    if (rc < 0)
        return rc;
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return -errno;
    rc = write_all(fd, text, len);
    if (rc == 0 && fchmod(fd, 0644) < 0)
        rc = -errno;
    if (rc == 0 && fsync(fd) < 0)
        rc = -errno;
    if (close(fd) < 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -errno;
    if (rc < 0) {
        unlink(tmp);
        return rc;
    }
    rc = sync_dir(folder);
    return rc < 0 ? rc : sync_dir(dir); /* the folder's own entry, when it was new */
}
