/*
 * test_hub_openapi — docs/api.yaml describes exactly the routes the server
 * registers: every route has its path and method there, and every path
 * and method there is a route.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../helpers.h"
#include "hub/api.h"

struct op {
    char method[8];
    char path[128];
};

/* Reads "  /path:" lines under "paths:" and "    get:" lines below them. */
static size_t read_ops(const char *yaml, struct op *ops, size_t cap)
{
    size_t n = 0;
    const char *p = strstr(yaml, "\npaths:\n");
    assert_non_null(p);
    char path[128] = "";
    for (p += 8; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (p[0] != ' ' && p[0] != '\n')
            break; /* the next top-level key */
        char word[120];
        if (sscanf(p, "  /%118[^:\n]:", word) == 1 && p[2] == '/') {
            snprintf(path, sizeof(path), "/%s", word);
        } else if (path[0] && strncmp(p, "    ", 4) == 0 && p[4] != ' ' &&
                   sscanf(p + 4, "%7[a-z]:", word) == 1) {
            static const char *const verbs[] = {"get", "post", "put", "delete", "patch", "head"};
            for (size_t v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++) {
                if (strcmp(word, verbs[v]) != 0)
                    continue;
                assert_true(n < cap);
                for (size_t k = 0; k <= strlen(word); k++)
                    ops[n].method[k] = (char)(word[k] >= 'a' ? word[k] - 'a' + 'A' : word[k]);
                snprintf(ops[n].path, sizeof(ops[n].path), "%s", path);
                n++;
            }
        }
    }
    return n;
}

static void test_routes_and_description_agree(void **state)
{
    (void)state;
    const char *src = getenv("SERAMBI_SOURCE");
    char file[512];
    snprintf(file, sizeof(file), "%s/docs/api.yaml", src ? src : ".");
    char *yaml = th_read_file(file, NULL);
    assert_non_null(yaml);
    struct op ops[64];
    size_t nops = read_ops(yaml, ops, 64);
    size_t nroutes;
    const struct hub_route *routes = hub_api_routes(&nroutes);
    for (size_t i = 0; i < nroutes; i++) {
        bool found = false;
        for (size_t k = 0; k < nops; k++)
            found |= strcmp(ops[k].method, routes[i].method) == 0 &&
                     strcmp(ops[k].path, routes[i].pattern) == 0;
        if (!found)
            fprintf(stderr, "docs/api.yaml lacks %s %s\n", routes[i].method, routes[i].pattern);
        assert_true(found);
    }
    for (size_t k = 0; k < nops; k++) {
        bool found = false;
        for (size_t i = 0; i < nroutes; i++)
            found |= strcmp(ops[k].method, routes[i].method) == 0 &&
                     strcmp(ops[k].path, routes[i].pattern) == 0;
        if (!found)
            fprintf(stderr, "docs/api.yaml describes %s %s, which the hub does not serve\n",
                    ops[k].method, ops[k].path);
        assert_true(found);
    }
    assert_int_equal(nops, nroutes);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_and_description_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
