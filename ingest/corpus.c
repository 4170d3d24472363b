/* ingest/corpus.c: finding the corpus files and reading one file into a checked text. */
#include "ingest/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ingest_skip_code(enum ingest_skip why)
{
    switch (why) {
    case INGEST_SKIP_NONE: return "none";
    case INGEST_SKIP_UNREADABLE: return "unreadable";
    case INGEST_SKIP_EMPTY: return "empty";
    case INGEST_SKIP_BINARY: return "binary";
    case INGEST_SKIP_NOT_UTF8: return "not_utf8";
    case INGEST_SKIP_TOO_LARGE: return "too_large";
    case INGEST_SKIP_NOT_REGULAR: return "not_regular_file";
    case INGEST_SKIP_BAD_NAME: return "bad_name";
    }
    return "unknown";
}

static int corpus_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int corpus_is_txt(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

int ingest_corpus_scan(const char *dir, struct ingest_corpus *out)
{
    DIR *d = NULL;
    struct dirent *ent;
    size_t cap = 0;
    int rc = INGEST_NOMEM;

    memset(out, 0, sizeof(*out));
    out->dir = strdup(dir);
    if (!out->dir)
        goto out;
    d = opendir(dir);
    if (!d) {
        rc = INGEST_IO;
        goto out;
    }
    while ((ent = readdir(d)) != NULL) {
        if (!corpus_is_txt(ent->d_name))
            continue;
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **names = realloc(out->names, ncap * sizeof(*names));
            if (!names)
                goto out;
            out->names = names;
            cap = ncap;
        }
        out->names[out->count] = strdup(ent->d_name);
        if (!out->names[out->count])
            goto out;
        out->count++;
    }
    if (out->count)
        qsort(out->names, out->count, sizeof(*out->names), corpus_name_cmp);
    rc = INGEST_OK;
out:
    if (d) {
        int saved = errno;
        closedir(d);
        errno = saved;
    }
    if (rc != INGEST_OK) {
        int saved = errno;
        ingest_corpus_clear(out);
        errno = saved;
    }
    return rc;
}

void ingest_corpus_clear(struct ingest_corpus *corpus)
{
    if (!corpus)
        return;
    for (size_t i = 0; i < corpus->count; i++)
        free(corpus->names[i]);
    free(corpus->names);
    free(corpus->dir);
    memset(corpus, 0, sizeof(*corpus));
}

int ingest_doc_id(const char *name, char **out)
{
    size_t n = strlen(name);

    *out = NULL;
    if (n > 4 && strcmp(name + n - 4, ".txt") == 0)
        n -= 4;
    if (n == 0 || n > 128 || name[0] == '.')
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return -1;
    }
    *out = strndup(name, n);
    return *out ? 0 : -1;
}

__attribute__((format(printf, 5, 6))) static int
corpus_skip(enum ingest_skip *why, enum ingest_skip code, char *detail, size_t detail_size,
            const char *fmt, ...)
{
    va_list ap;

    *why = code;
    va_start(ap, fmt);
    vsnprintf(detail, detail_size, fmt, ap);
    va_end(ap);
    return INGEST_SKIP;
}

static void corpus_sha256_hex(const char *data, size_t len, char hex[65])
{
    unsigned char md[32];
    unsigned int md_len = 0;

    if (!EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL) || md_len != 32) {
        hex[0] = '\0';
        return;
    }
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

int ingest_file_read(const char *dir, const char *name, size_t max_bytes, struct ingest_file *out,
                     enum ingest_skip *why, char *detail, size_t detail_size)
{
    char *path = NULL;
    int fd = -1, rc;
    struct stat st;
    size_t got = 0, bad = 0;

    memset(out, 0, sizeof(*out));
    *why = INGEST_SKIP_NONE;
    detail[0] = '\0';
    if (ingest_doc_id(name, &out->id) != 0) {
        rc = corpus_skip(why, INGEST_SKIP_BAD_NAME, detail, detail_size,
                         "file name %s cannot make a document id (use letters, digits, . _ -)",
                         name);
        goto out;
    }
    if (asprintf(&path, "%s/%s", dir, name) < 0) {
        path = NULL;
        rc = INGEST_NOMEM;
        goto out;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = corpus_skip(why, INGEST_SKIP_UNREADABLE, detail, detail_size, "cannot open: %s",
                         strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = corpus_skip(why, INGEST_SKIP_NOT_REGULAR, detail, detail_size, "%s",
                         "not a regular file");
        goto out;
    }
    if (st.st_size == 0) {
        rc = corpus_skip(why, INGEST_SKIP_EMPTY, detail, detail_size, "%s", "the file is empty");
        goto out;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        rc = corpus_skip(why, INGEST_SKIP_TOO_LARGE, detail, detail_size,
                         "%lld bytes: larger than the limit of %zu bytes",
                         (long long)st.st_size, max_bytes);
        goto out;
    }
    out->text = malloc((size_t)st.st_size + 1);
    if (!out->text) {
        rc = INGEST_NOMEM;
        goto out;
    }
    /* Read what is there now; a file that grows while we read is cut at the size we saw. */
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, out->text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = corpus_skip(why, INGEST_SKIP_UNREADABLE, detail, detail_size, "read failed: %s",
                             strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    out->text[got] = '\0';
    if (got == 0) {
        rc = corpus_skip(why, INGEST_SKIP_EMPTY, detail, detail_size, "%s", "the file is empty");
        goto out;
    }
    if (memchr(out->text, '\0', got)) {
        rc = corpus_skip(why, INGEST_SKIP_BINARY, detail, detail_size, "%s",
                         "contains NUL bytes: binary data, not text");
        goto out;
    }
    if (!ingest_utf8_valid(out->text, got, &bad)) {
        rc = corpus_skip(why, INGEST_SKIP_NOT_UTF8, detail, detail_size,
                         "not valid UTF-8 (first bad byte at offset %zu)", bad);
        goto out;
    }
    out->name = strdup(name);
    if (!out->name) {
        rc = INGEST_NOMEM;
        goto out;
    }
    out->size = got;
    out->mtime = st.st_mtime;
    corpus_sha256_hex(out->text, got, out->sha256);
    rc = INGEST_OK;
out:
    if (fd >= 0)
        close(fd);
    free(path);
    if (rc != INGEST_OK)
        ingest_file_clear(out);
    return rc;
}

void ingest_file_clear(struct ingest_file *file)
{
    if (!file)
        return;
    free(file->id);
    free(file->name);
    free(file->text);
    memset(file, 0, sizeof(*file));
}
