/* server/log.h: the access log (one JSON line per request on stderr) and diagnostics. */
#ifndef TWOPLUS_LOG_H
#define TWOPLUS_LOG_H

#include <stddef.h>
#include <stdint.h>

/* Writes {"ts","method","path","status","bytes","us"} as one line with one write(2), so lines
 * from several threads never interleave. */
void srv_log_access(const char *method, const char *path, unsigned status, size_t bytes,
                    int64_t micros);

/* "twoplus: " + message + newline on stderr. */
void srv_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
