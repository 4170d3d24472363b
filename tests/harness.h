/* tests/harness.h: spawn the real twoplus binary on port 0, talk to it with libcurl, and stop
 * it with SIGTERM requiring exit status 0 (so a sanitizer report in the server fails a test).
 * Ownership: harness_resp is filled by harness_get()/harness_request() and released with
 * harness_resp_clear(). */
#ifndef TWOPLUS_HARNESS_H
#define TWOPLUS_HARNESS_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

struct harness_server {
    pid_t pid;
    unsigned port;
    char base[64];        /* "http://127.0.0.1:PORT" */
    char log_path[256];   /* the server's stderr */
};

/* The twoplus binary under test: $TWOPLUS_BIN, else "./twoplus". */
const char *harness_binary(void);

/* Starts twoplus with args (NULL-terminated; "--listen 127.0.0.1:0" is added) and waits for
 * its "listening on" line. Returns 0, or -1 after printing why. */
int harness_start(struct harness_server *srv, const char *const *args);

/* SIGTERM, then waits up to 20 s. Returns the exit status (0 is success), or -1 if it had
 * to be killed or died of a signal. Copies the server's stderr to ours. */
int harness_stop(struct harness_server *srv);

/* The server's stderr so far (malloc'd, caller frees), for checks on the access log. */
char *harness_log(const struct harness_server *srv);

struct harness_resp {
    long status;
    char *body;       /* NUL-terminated */
    size_t len;
    char *headers;    /* raw header block */
    json_t *json;     /* parsed body when it is JSON, else NULL */
};

/* One request. headers: NULL-terminated "Name: value" lines, or NULL. body may be NULL.
 * Returns 0 with *out filled, or -1 on a transport error. */
int harness_request(const struct harness_server *srv, const char *method, const char *path,
                    const char *const *headers, const char *body, struct harness_resp *out);
int harness_get(const struct harness_server *srv, const char *path, struct harness_resp *out);
/* GET path and its JSON body: 0 with *json (a new reference, NULL when the body is not JSON)
 * when the status is want_status; -1 (a line on stderr saying what came instead) otherwise,
 * *json then set as well when there was a body. */
int harness_get_json(const struct harness_server *srv, const char *path, long want_status,
                     json_t **json);
void harness_resp_clear(struct harness_resp *resp);

/* The value of the first header called name (case-insensitive), malloc'd, or NULL. */
char *harness_header(const struct harness_resp *resp, const char *name);

/* Sends raw bytes on a new connection (half-closing it after when half_close), and reads what
 * comes back until the server closes or timeout_ms pass. Returns 0 with a malloc'd *reply
 * (possibly empty), or -1 if no connection could be made. */
int harness_raw(const struct harness_server *srv, const char *bytes, size_t len, int half_close,
                int timeout_ms, char **reply);

/* Runs argv (NULL-terminated) to completion with stdout+stderr captured into *output
 * (malloc'd). Returns the exit status, or -1. */
int harness_run(const char *const *argv, char **output);

/* Makes a fresh temporary folder and writes its path into dir (size >= 64). */
int harness_tmpdir(char *dir, size_t size);
/* Writes len bytes of data to dir/name. Returns 0 or -1. */
int harness_write_file(const char *dir, const char *name, const char *data, size_t len);

#endif
