/* server/config.h: the command line and TWOPLUS_* environment, parsed into one struct. */
#ifndef TWOPLUS_CONFIG_H
#define TWOPLUS_CONFIG_H

#include <stddef.h>

enum srv_command { SRV_SERVE, SRV_INGEST, SRV_HELP, SRV_VERSION };

struct srv_config {
    enum srv_command command;
    const char *corpus;        /* --corpus */
    const char *data_dir;      /* --data: gazetteer and meeting registry */
    const char *db;            /* --db; NULL: in memory */
    char host[256];            /* from --listen */
    unsigned port;
    unsigned threads;          /* --threads */
    const char *cors_origin;   /* --cors-origin: "*" or a comma-separated list */
    const char *cache_control; /* --cache-control */
    int access_log;            /* --access-log on|off */
    int no_ingest;             /* --no-ingest */
    size_t max_file_bytes;     /* --max-file-mb */
    unsigned max_connections;  /* --max-connections */
    unsigned timeout_s;        /* --timeout: idle connection timeout */
    size_t cache_bytes;        /* --cache-mb; 0 turns response reuse off */
    unsigned query_timeout_ms; /* --query-timeout-ms: a request's database time limit */
};

/* Fills cfg from the environment (TWOPLUS_*) and then argv, which wins.
 * Returns 0, or -1 after writing a one-line message naming the bad option to err. */
int srv_config_parse(struct srv_config *cfg, int argc, char **argv, char *err, size_t err_size);

/* The --help text. */
extern const char srv_config_usage[];

#endif
