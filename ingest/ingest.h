/* ingest/ingest.h: the text pipeline's API: pure functions from bytes to records.
 * Nothing here touches SQLite or HTTP. Ownership: every out-parameter that owns memory has a
 * matching *_clear(); strings returned through out-parameters are the caller's to free(). */
#ifndef TWOPLUS_INGEST_H
#define TWOPLUS_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum ingest_rc {
    INGEST_OK = 0,
    INGEST_NOMEM,
    INGEST_IO,      /* the folder or file could not be read */
    INGEST_SKIP,    /* the file is not a usable text: see the reason */
};

/* Why a corpus file was skipped. Stable codes: they appear in /v1/stats. */
enum ingest_skip {
    INGEST_SKIP_NONE = 0,
    INGEST_SKIP_UNREADABLE,
    INGEST_SKIP_EMPTY,
    INGEST_SKIP_BINARY,
    INGEST_SKIP_NOT_UTF8,
    INGEST_SKIP_TOO_LARGE,
    INGEST_SKIP_NOT_REGULAR,
    INGEST_SKIP_BAD_NAME,
};
const char *ingest_skip_code(enum ingest_skip why);

/* The corpus files to read: sorted by name, *.txt only. */
struct ingest_corpus {
    char *dir;
    char **names; /* file names relative to dir */
    size_t count;
};

/* Lists the *.txt entries of dir in byte order of their names.
 * Returns INGEST_OK (the caller owns *out, release: ingest_corpus_clear()), INGEST_IO when dir
 * cannot be opened (errno is kept), or INGEST_NOMEM. An empty folder is INGEST_OK, count 0. */
int ingest_corpus_scan(const char *dir, struct ingest_corpus *out);
void ingest_corpus_clear(struct ingest_corpus *corpus);

/* One corpus file as read from disk. */
struct ingest_file {
    char *id;          /* stable id from the file name stem */
    char *name;        /* file name */
    char *text;        /* NUL-terminated, valid UTF-8, no NUL bytes inside */
    size_t size;       /* bytes */
    time_t mtime;
    char sha256[65];   /* lower-case hex */
};

/* Reads dir/name, checks it is a non-empty regular file of at most max_bytes that is valid
 * UTF-8 text, and hashes it. Returns INGEST_OK (the caller owns *out, release:
 * ingest_file_clear()), INGEST_SKIP with *why and a human sentence in detail (never NULL),
 * or INGEST_NOMEM. Symbolic links are followed once; a loop or dangling link is unreadable. */
int ingest_file_read(const char *dir, const char *name, size_t max_bytes, struct ingest_file *out,
                     enum ingest_skip *why, char *detail, size_t detail_size);
void ingest_file_clear(struct ingest_file *file);

/* Derives the stable document id from a file name: the stem without ".txt", if it is 1-128
 * characters of [A-Za-z0-9._-] not starting with '.'. Returns 0 and writes a malloc'd id to
 * *out, or -1 if the name cannot make a safe id (the caller skips the file). */
int ingest_doc_id(const char *name, char **out);

/* True if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
 * On false, *bad_offset is the byte offset of the first bad sequence. */
int ingest_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Number of words (runs of letters or digits, any script) in s. */
size_t ingest_word_count(const char *s, size_t len);

/* The provisional title of a raw text: the first line that reads like a headline (3 to 30
 * words, at most 200 bytes, no URL, not ending as a sentence with '.', not a navigation or
 * share line). Returns a malloc'd string with whitespace collapsed, or NULL when no line fits
 * (a title is never invented). */
char *ingest_title_guess(const char *text, size_t len);

#endif
