/* store/documents.c: reading documents: keyset lists with filters, one document, its text. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_doc_sorts[] = {"id", "title", "published", NULL};

static const struct store_sort documents_sorts[] = {
    {.name = "id", .expr = "d.id"},
    {.name = "title", .expr = "d.title_sort"},
    {.name = "published", .expr = "d.published_key"}, /* coalesce(published, '') */
    {0},
};

/* The fields of a list item; a single document adds its text and structure. */
#define DOCUMENTS_SUMMARY                                                                      \
    "d.id AS id, d.title AS title, d.source AS source, d.url AS url, "                         \
    "d.published AS \"published.date\", d.published_precision AS \"published.precision\", "   \
    "json_extract(d.meta_json, '$.published.provenance') AS \"published.provenance\", "       \
    "d.byline AS byline, d.dateline AS dateline, d.language AS language, "                    \
    "d.word_count AS word_count, d.versions AS versions, d.file_name AS file_name, "           \
    "d.byte_size AS byte_size, d.sha256 AS sha256"

int store_doc_list(struct store *st, const struct store_doc_query *q,
                   const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = DOCUMENTS_SUMMARY,
        .from = "documents d",
        .id_expr = "d.id",
        .sorts = documents_sorts,
    };

    if (q->source)
        store_where_text(&spec, "d.source = ? COLLATE NOCASE", q->source);
    /* Dates compare as text: "2005" <= "2005-02" <= "2005-02-19"; a bound of lower precision
     * covers the whole period ("published_to=2005" includes all of 2005). They compare the
     * sort key, so the index documents_published alone serves the count and the page;
     * published is never '' (NULL when unknown), so "> ''" leaves out the undated. */
    if (q->published_from)
        store_where_text(&spec, "d.published_key >= ?", q->published_from);
    if (q->published_to)
        store_where_text(&spec, "d.published_key <= ? || '-99' AND d.published_key > ''",
                         q->published_to);
    if (q->fts)
        store_where_text(&spec,
                         "d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
                         q->fts);
    return store_list_run(st, &spec, page, out);
}

int store_doc_get(struct store *st, const char *id, unsigned include, json_t **out)
{
    struct store_list_spec binds = {0};
    char sql[2048];

    store_bind_text(&binds, id);
    snprintf(sql, sizeof(sql),
             "SELECT " DOCUMENTS_SUMMARY ", d.sentence_count AS sentence_count, "
             "d.invalid_utf8 AS invalid_utf8_replaced, d.meta_json AS \"metadata:json\", "
             "d.paragraphs_json AS \"paragraphs:json\", d.related_json AS \"related:json\", "
             "d.clean_text AS text%s%s FROM documents d WHERE d.id = ?1",
             include & STORE_DOC_RAW ? ", d.raw_text AS raw_text" : "",
             include & STORE_DOC_REMOVED ? ", d.removed_json AS \"removed:json\"" : "");
    return store_row_run(st, sql, &binds, out);
}

int store_doc_text(struct store *st, const char *id, char **text, size_t *len)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT clean_text FROM documents WHERE id = ?1");
    int rc;

    *text = NULL;
    *len = 0;
    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        int n = sqlite3_column_bytes(stmt, 0);
        *text = malloc((size_t)n + 1);
        if (*text) {
            memcpy(*text, sqlite3_column_text(stmt, 0), (size_t)n);
            (*text)[n] = '\0';
            *len = (size_t)n;
            rc = STORE_OK;
        } else {
            rc = STORE_NOMEM;
        }
    } else {
        rc = rc == SQLITE_DONE ? STORE_NOTFOUND : store_fail(st->conn, "document text");
    }
    sqlite3_reset(stmt);
    return rc;
}
