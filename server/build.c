/* server/build.c: runs an ingest from the corpus folder into the store. */
#include "server/build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/ingest.h"
#include "server/log.h"

static double build_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Turns one read file into its document row. Returns a store code. */
static int build_doc(struct store_db *db, const struct ingest_file *file)
{
    char *title = ingest_title_guess(file->text, file->size);
    struct store_doc_in doc = {
        .id = file->id,
        .file_name = file->name,
        .sha256 = file->sha256,
        .title = title,
        .raw_text = file->text,
        .clean_text = file->text, /* cleaning comes as its own pipeline stage */
        .byte_size = (int64_t)file->size,
        .mtime = (int64_t)file->mtime,
        .word_count = (int64_t)ingest_word_count(file->text, file->size),
    };
    int rc = store_write_doc(db, &doc);

    free(title);
    return rc;
}

static int build_meta_count(struct store_db *db, const char *key, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%zu", n);
    return store_write_meta(db, key, buf);
}

int srv_build(const struct srv_config *cfg, struct store_db **out,
              struct srv_build_summary *summary)
{
    struct ingest_corpus corpus = {0};
    struct store_db *db = NULL;
    char err[512], when[32];
    double t0 = build_now();
    int rc = -1;

    memset(summary, 0, sizeof(*summary));
    *out = NULL;
    if (ingest_corpus_scan(cfg->corpus, &corpus) != INGEST_OK) {
        srv_log("cannot read the corpus folder %s: %s", cfg->corpus, strerror(errno));
        goto out;
    }
    if (store_db_create(cfg->db, &db, err, sizeof(err)) != STORE_OK) {
        srv_log("%s", err);
        goto out;
    }
    if (store_write_begin(db) != STORE_OK)
        goto fail_store;
    for (size_t i = 0; i < corpus.count; i++) {
        struct ingest_file file;
        enum ingest_skip why;
        char detail[256];
        int frc = ingest_file_read(corpus.dir, corpus.names[i], cfg->max_file_bytes, &file, &why,
                                   detail, sizeof(detail));

        summary->files_seen++;
        if (frc == INGEST_NOMEM) {
            srv_log("out of memory reading %s", corpus.names[i]);
            goto out;
        }
        if (frc == INGEST_SKIP) {
            srv_log("warning: skipped %s: %s", corpus.names[i], detail);
            summary->files_skipped++;
            if (store_write_skip(db, corpus.names[i], ingest_skip_code(why), detail) != STORE_OK)
                goto fail_store;
            continue;
        }
        frc = build_doc(db, &file);
        ingest_file_clear(&file);
        if (frc != STORE_OK)
            goto fail_store;
        summary->files_ingested++;
    }
    summary->seconds = build_now() - t0;
    {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    if (store_write_meta(db, "corpus", cfg->corpus) ||
        build_meta_count(db, "files_seen", summary->files_seen) ||
        build_meta_count(db, "files_ingested", summary->files_ingested) ||
        build_meta_count(db, "files_skipped", summary->files_skipped) ||
        build_meta_count(db, "ingest_microseconds", (size_t)(summary->seconds * 1e6)) ||
        store_write_meta(db, "ingested_at", when) ||
        store_write_meta(db, "twoplus_version", TWOPLUS_VERSION) ||
        store_write_commit(db) != STORE_OK)
        goto fail_store;
    srv_log("ingested %zu of %zu files from %s in %.3f s (%zu skipped)",
            summary->files_ingested, summary->files_seen, cfg->corpus, summary->seconds,
            summary->files_skipped);
    *out = db;
    db = NULL;
    rc = 0;
    goto out;
fail_store:
    srv_log("cannot write the database%s%s", cfg->db ? " " : "", cfg->db ? cfg->db : "");
out:
    store_db_close(db);
    ingest_corpus_clear(&corpus);
    return rc;
}
