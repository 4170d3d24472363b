/* server/log.c: the access log and diagnostic lines on stderr. */
#include "server/log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void srv_log_access(const char *method, const char *path, unsigned status, size_t bytes,
                    int64_t micros)
{
    struct timespec ts;
    struct tm tm;
    char when[40];
    json_t *line;
    char *text;

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(when + strlen(when), sizeof(when) - strlen(when), ".%03ldZ", ts.tv_nsec / 1000000);
    /* s% keeps bytes that are not UTF-8 out of the log as escapes rather than failing. */
    line = json_pack("{s:s, s:s?, s:s?, s:i, s:I, s:I}", "ts", when, "method", method, "path",
                     path, "status", (int)status, "bytes", (json_int_t)bytes, "us",
                     (json_int_t)micros);
    if (!line) /* a path that is not UTF-8: log it without the path */
        line = json_pack("{s:s, s:s?, s:s, s:i, s:I, s:I}", "ts", when, "method", method, "path",
                         "(not UTF-8)", "status", (int)status, "bytes", (json_int_t)bytes, "us",
                         (json_int_t)micros);
    text = line ? json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    if (text) {
        size_t n = strlen(text);
        text[n] = '\n'; /* json_dumps leaves room: replace the NUL and write n+1 bytes */
        if (write(STDERR_FILENO, text, n + 1) < 0) {
            /* nothing useful to do when stderr is gone */
        }
    }
    free(text);
    json_decref(line);
}

void srv_log(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "twoplus: ");

    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    n = (int)strlen(buf);
    buf[n++] = '\n';
    if (write(STDERR_FILENO, buf, (size_t)n) < 0) {
        /* nothing useful to do when stderr is gone */
    }
}
