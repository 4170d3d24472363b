/* tests/unit.h: the smallest test kit: CHECK records a failure with its line and goes on;
 * unit_done() prints a summary and gives the exit status for main(). */
#ifndef TWOPLUS_UNIT_H
#define TWOPLUS_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_checks, unit_failures;

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        unit_checks++;                                                                         \
        if (!(cond)) {                                                                         \
            unit_failures++;                                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                                   \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        unit_checks++;                                                                         \
        if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) {                     \
            unit_failures++;                                                                   \
            fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,  \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                   \
        }                                                                                      \
    } while (0)

/* The whole file at path, NUL-terminated, with its length in *len (may be NULL); NULL when it
 * cannot be read. The fixture scorers read their texts and gold files with it. */
static inline char *unit_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
            if (len)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

static inline int unit_done(const char *name)
{
    fprintf(stderr, "%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}

#endif
