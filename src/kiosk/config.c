/* config — placeholder while the module is being written. */
#include "kiosk/config.h"

#include <errno.h>
#include <string.h>

void config_defaults(struct kiosk_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
}

int config_parse(struct kiosk_config *cfg, const char *filename, const char *text, size_t len,
                 char *errbuf, size_t errcap)
{
    (void)cfg;
    (void)filename;
    (void)text;
    (void)len;
    (void)errbuf;
    (void)errcap;
    return 0;
}

int config_load(struct kiosk_config *cfg, const char *path, char *errbuf, size_t errcap)
{
    (void)path;
    (void)errbuf;
    (void)errcap;
    config_defaults(cfg);
    return 0;
}

int config_db_path(const struct kiosk_config *cfg, char *buf, size_t cap)
{
    (void)cfg;
    (void)buf;
    (void)cap;
    return -ENAMETOOLONG;
}
