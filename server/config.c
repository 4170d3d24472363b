/* server/config.c: options from TWOPLUS_* environment variables and the command line. */
#include "server/config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char srv_config_usage[] =
    "usage: twoplus [serve] [options]\n"
    "       twoplus ingest --corpus DIR --db FILE\n"
    "\n"
    "Serves a JSON API over a corpus of texts on the U.S.-Japan alliance.\n"
    "\n"
    "options (each also from the environment variable in brackets):\n"
    "  --corpus DIR          folder of *.txt files (default ./corpus) [TWOPLUS_CORPUS]\n"
    "  --data DIR            reference data: entities.jsonl, meetings.jsonl (default ./data)\n"
    "                        [TWOPLUS_DATA]\n"
    "  --db PATH             database file to build or serve (default: in memory) [TWOPLUS_DB]\n"
    "  --no-ingest           serve an existing --db read-only without reading the corpus\n"
    "                        [TWOPLUS_NO_INGEST=1]\n"
    "  --listen HOST:PORT    address to serve on (default 127.0.0.1:8080; port 0 picks a free\n"
    "                        port) [TWOPLUS_LISTEN]\n"
    "  --threads N           worker threads (default: number of CPUs) [TWOPLUS_THREADS]\n"
    "  --cors-origin ORIGINS '*' or a comma-separated list of origins (default *)\n"
    "                        [TWOPLUS_CORS_ORIGIN]\n"
    "  --cache-control VALUE Cache-Control of successful GETs (default 'public, max-age=60')\n"
    "                        [TWOPLUS_CACHE_CONTROL]\n"
    "  --access-log on|off   one JSON line per request on stderr (default on)\n"
    "                        [TWOPLUS_ACCESS_LOG]\n"
    "  --max-file-mb N       skip corpus files larger than N MiB (default 64)\n"
    "                        [TWOPLUS_MAX_FILE_MB]\n"
    "  --max-connections N   concurrent connections (default 1024) [TWOPLUS_MAX_CONNECTIONS]\n"
    "  --timeout SECONDS     close idle connections after this long (default 30)\n"
    "                        [TWOPLUS_TIMEOUT]\n"
    "  --query-timeout-ms N  database time a request may take before it is answered 503\n"
    "                        (default 2000) [TWOPLUS_QUERY_TIMEOUT_MS]\n"
    "  --cache-mb N          MiB of rendered responses kept for reuse; 0 turns it off\n"
    "                        (default 64) [TWOPLUS_CACHE_MB]\n"
    "  --help                this text\n"
    "  --version             the version\n";

enum {
    OPT_CORPUS = 1000, OPT_DATA, OPT_DB, OPT_NO_INGEST, OPT_LISTEN, OPT_THREADS, OPT_CORS, OPT_CACHE,
    OPT_ACCESS_LOG, OPT_MAX_FILE, OPT_MAX_CONN, OPT_TIMEOUT, OPT_QUERY_TIMEOUT, OPT_CACHE_MB, OPT_HELP, OPT_VERSION,
};

static const struct config_option {
    int code;
    const char *name, *env;
    int has_arg;
} config_options[] = {
    {OPT_CORPUS, "corpus", "TWOPLUS_CORPUS", 1},
    {OPT_DATA, "data", "TWOPLUS_DATA", 1},
    {OPT_DB, "db", "TWOPLUS_DB", 1},
    {OPT_NO_INGEST, "no-ingest", "TWOPLUS_NO_INGEST", 0},
    {OPT_LISTEN, "listen", "TWOPLUS_LISTEN", 1},
    {OPT_THREADS, "threads", "TWOPLUS_THREADS", 1},
    {OPT_CORS, "cors-origin", "TWOPLUS_CORS_ORIGIN", 1},
    {OPT_CACHE, "cache-control", "TWOPLUS_CACHE_CONTROL", 1},
    {OPT_ACCESS_LOG, "access-log", "TWOPLUS_ACCESS_LOG", 1},
    {OPT_MAX_FILE, "max-file-mb", "TWOPLUS_MAX_FILE_MB", 1},
    {OPT_MAX_CONN, "max-connections", "TWOPLUS_MAX_CONNECTIONS", 1},
    {OPT_TIMEOUT, "timeout", "TWOPLUS_TIMEOUT", 1},
    {OPT_QUERY_TIMEOUT, "query-timeout-ms", "TWOPLUS_QUERY_TIMEOUT_MS", 1},
    {OPT_CACHE_MB, "cache-mb", "TWOPLUS_CACHE_MB", 1},
    {OPT_HELP, "help", NULL, 0},
    {OPT_VERSION, "version", NULL, 0},
};
#define CONFIG_NOPTIONS (sizeof(config_options) / sizeof(config_options[0]))

/* Parses a whole decimal number in [min, max]. Returns 0 or -1. */
static int config_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;

    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Splits HOST:PORT (HOST may be [v6]). Returns 0 or -1. */
static int config_listen(struct srv_config *cfg, const char *s)
{
    const char *colon = strrchr(s, ':');
    size_t hlen;
    unsigned long port;

    if (!colon || config_uint(colon + 1, 0, 65535, &port) != 0)
        return -1;
    hlen = (size_t)(colon - s);
    if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']') {
        s++;
        hlen -= 2;
    }
    if (hlen == 0 || hlen >= sizeof(cfg->host))
        return -1;
    memcpy(cfg->host, s, hlen);
    cfg->host[hlen] = '\0';
    cfg->port = (unsigned)port;
    return 0;
}

static int config_apply(struct srv_config *cfg, int code, const char *arg, const char *from,
                        char *err, size_t err_size)
{
    unsigned long v;

    switch (code) {
    case OPT_CORPUS: cfg->corpus = arg; return 0;
    case OPT_DATA: cfg->data_dir = arg; return 0;
    case OPT_DB: cfg->db = *arg ? arg : NULL; return 0;
    case OPT_NO_INGEST:
        /* From the environment the flag takes a value: 1/true/yes turn it on. */
        cfg->no_ingest = !arg || !strcmp(arg, "1") || !strcmp(arg, "true") || !strcmp(arg, "yes");
        return 0;
    case OPT_LISTEN:
        if (config_listen(cfg, arg) == 0)
            return 0;
        snprintf(err, err_size, "%s: expected HOST:PORT with a port from 0 to 65535, got '%s'",
                 from, arg);
        return -1;
    case OPT_THREADS:
        if (config_uint(arg, 1, 256, &v) == 0) {
            cfg->threads = (unsigned)v;
            return 0;
        }
        snprintf(err, err_size, "%s: expected a whole number from 1 to 256, got '%s'", from, arg);
        return -1;
    case OPT_CORS:
        if (*arg) {
            cfg->cors_origin = arg;
            return 0;
        }
        snprintf(err, err_size, "%s: expected '*' or a comma-separated list of origins", from);
        return -1;
    case OPT_CACHE:
        if (!strpbrk(arg, "\r\n")) {
            cfg->cache_control = arg;
            return 0;
        }
        snprintf(err, err_size, "%s: must be one header line", from);
        return -1;
    case OPT_ACCESS_LOG:
        if (!strcmp(arg, "on") || !strcmp(arg, "off")) {
            cfg->access_log = !strcmp(arg, "on");
            return 0;
        }
        snprintf(err, err_size, "%s: expected 'on' or 'off', got '%s'", from, arg);
        return -1;
    case OPT_MAX_FILE:
        if (config_uint(arg, 1, 4096, &v) == 0) {
            cfg->max_file_bytes = (size_t)v << 20;
            return 0;
        }
        snprintf(err, err_size, "%s: expected a whole number of MiB from 1 to 4096, got '%s'",
                 from, arg);
        return -1;
    case OPT_MAX_CONN:
        if (config_uint(arg, 1, 100000, &v) == 0) {
            cfg->max_connections = (unsigned)v;
            return 0;
        }
        snprintf(err, err_size, "%s: expected a whole number from 1 to 100000, got '%s'", from,
                 arg);
        return -1;
    case OPT_TIMEOUT:
        if (config_uint(arg, 1, 3600, &v) == 0) {
            cfg->timeout_s = (unsigned)v;
            return 0;
        }
        snprintf(err, err_size, "%s: expected seconds from 1 to 3600, got '%s'", from, arg);
        return -1;
    case OPT_QUERY_TIMEOUT:
        if (config_uint(arg, 1, 600000, &v) == 0) {
            cfg->query_timeout_ms = (unsigned)v;
            return 0;
        }
        snprintf(err, err_size, "%s: expected milliseconds from 1 to 600000, got '%s'", from,
                 arg);
        return -1;
    case OPT_CACHE_MB:
        if (config_uint(arg, 0, 65536, &v) == 0) {
            cfg->cache_bytes = (size_t)v << 20;
            return 0;
        }
        snprintf(err, err_size, "%s: expected a whole number of MiB from 0 to 65536, got '%s'",
                 from, arg);
        return -1;
    case OPT_HELP: cfg->command = SRV_HELP; return 0;
    case OPT_VERSION: cfg->command = SRV_VERSION; return 0;
    }
    snprintf(err, err_size, "%s: unknown option", from);
    return -1;
}

int srv_config_parse(struct srv_config *cfg, int argc, char **argv, char *err, size_t err_size)
{
    struct option longopts[CONFIG_NOPTIONS + 1];
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int c;

    memset(cfg, 0, sizeof(*cfg));
    cfg->command = SRV_SERVE;
    cfg->corpus = "./corpus";
    cfg->data_dir = "./data";
    snprintf(cfg->host, sizeof(cfg->host), "127.0.0.1");
    cfg->port = 8080;
    cfg->threads = ncpu > 0 && ncpu <= 256 ? (unsigned)ncpu : 2;
    cfg->cors_origin = "*";
    cfg->cache_control = "public, max-age=60";
    cfg->access_log = 1;
    cfg->max_file_bytes = (size_t)64 << 20;
    cfg->max_connections = 1024;
    cfg->timeout_s = 30;
    cfg->cache_bytes = (size_t)64 << 20;
    cfg->query_timeout_ms = 2000;

    for (size_t i = 0; i < CONFIG_NOPTIONS; i++) {
        const struct config_option *o = &config_options[i];
        const char *v = o->env ? getenv(o->env) : NULL;
        if (v && config_apply(cfg, o->code, v, o->env, err, err_size) != 0)
            return -1;
        longopts[i] = (struct option){o->name, o->has_arg ? required_argument : no_argument,
                                      NULL, o->code};
    }
    longopts[CONFIG_NOPTIONS] = (struct option){0};

    /* GNU getopt_long moves the command word behind the options, wherever it stood. */
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        char from[64];
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1] ? argv[optind - 1] : "?";
            snprintf(err, err_size, "%s: %s (see twoplus --help)", bad,
                     c == ':' ? "needs a value" : "unknown option");
            return -1;
        }
        for (size_t i = 0; i < CONFIG_NOPTIONS; i++)
            if (config_options[i].code == c)
                snprintf(from, sizeof(from), "--%s", config_options[i].name);
        if (config_apply(cfg, c, optarg, from, err, err_size) != 0)
            return -1;
    }
    if (optind < argc) {
        const char *cmd = argv[optind++];
        if (cfg->command == SRV_SERVE && !strcmp(cmd, "ingest"))
            cfg->command = SRV_INGEST;
        else if (strcmp(cmd, "serve") != 0) {
            snprintf(err, err_size, "unknown command '%s' (expected serve or ingest)", cmd);
            return -1;
        }
        if (optind < argc) {
            snprintf(err, err_size, "unexpected argument '%s'", argv[optind]);
            return -1;
        }
    }
    if (cfg->command == SRV_INGEST && !cfg->db) {
        snprintf(err, err_size, "ingest: --db FILE is required");
        return -1;
    }
    if (cfg->no_ingest && !cfg->db) {
        snprintf(err, err_size, "--no-ingest: needs --db FILE to serve");
        return -1;
    }
    return 0;
}
