/* store/entities.c: reading entities, their mentions, co-occurring entities, and the entities
 * of a document. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_entity_sorts[] = {"mentions", "name", "documents", NULL};
static const struct store_sort entities_sorts[] = {
    {.name = "mentions", .expr = "e.mention_count", .numeric = 1},
    {.name = "name", .expr = "e.name_sort"},
    {.name = "documents", .expr = "e.document_count", .numeric = 1},
    {0},
};

#define ENTITY_SUMMARY                                                                         \
    "e.id AS id, e.type AS type, e.name AS name, CASE WHEN e.kb THEN json('true') ELSE "       \
    "json('false') END AS \"kb:json\", e.mention_count AS mentions, e.document_count AS "      \
    "documents, e.statement_count AS statements, e.first_seen AS first_seen, e.last_seen AS "  \
    "last_seen"

/* An FTS5 expression matching every word of q as a prefix: "kerr jo" -> "kerr"* AND "jo"*.
 * Characters that are not letters or digits separate words, so nothing in q is FTS5 syntax.
 * malloc'd; "" when q has no word. */
static char *entities_prefix_query(const char *q)
{
    size_t n = strlen(q);
    char *out = malloc(n * 6 + 8), *w = out; /* worst case: "a" AND "b"... */
    int in_word = 0, words = 0;

    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)q;; p++) {
        int word = *p && (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' &&
                                                                       (*p | 32) <= 'z'));
        if (word && !in_word) {
            if (words++)
                w += sprintf(w, " AND ");
            *w++ = '"';
        }
        if (!word && in_word) {
            *w++ = '"';
            *w++ = '*';
        }
        if (word)
            *w++ = (char)*p;
        in_word = word;
        if (!*p)
            break;
    }
    *w = '\0';
    return out;
}

int store_entity_list(struct store *st, const struct store_entity_query *q,
                      const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = ENTITY_SUMMARY,
        .from = "entities e",
        .id_expr = "e.id",
        .sorts = entities_sorts,
    };
    char *prefix_expr = NULL;
    int rc;

    if (q->type)
        store_where_text(&spec, "e.type = ?", q->type);
    if (q->kb >= 0)
        store_where_int(&spec, "e.kb = ?", q->kb);
    store_where_int(&spec, "e.mention_count >= ?", q->min_mentions);
    if (q->document)
        store_where_text(&spec, "e.id IN (SELECT entity_id FROM mentions WHERE doc_id = ?)",
                         q->document);
    if (q->q) {
        /* Every word of q as a word prefix of the name or an alias: "kerr" finds John Kerry,
         * "mr hag" finds Chuck Hagel by his alias "Mr. Hagel". */
        prefix_expr = entities_prefix_query(q->q);
        if (!prefix_expr)
            return STORE_NOMEM;
        if (*prefix_expr)
            store_where_text(&spec,
                             "e.seq IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)",
                             prefix_expr);
        else
            store_where(&spec, "0"); /* nothing searchable in q */
    }
    rc = store_list_run(st, &spec, page, out);
    free(prefix_expr);
    return rc;
}

int store_exists(struct store *st, const char *table, const char *id)
{
    char sql[128];
    struct store_list_spec binds = {0};
    json_t *row = NULL;
    int rc;

    /* table comes from our own code, never from a request. */
    snprintf(sql, sizeof(sql), "SELECT 1 AS x FROM %s WHERE id = ?1", table);
    store_bind_text(&binds, id);
    rc = store_row_run(st, sql, &binds, &row);
    json_decref(row);
    return rc;
}

int store_entity_get(struct store *st, const char *id, json_t **out)
{
    struct store_list_spec binds = {0};
    int rc;

    store_bind_text(&binds, id);
    rc = store_row_run(st,
                       "SELECT " ENTITY_SUMMARY ", e.gender AS gender, e.aliases_json AS "
                       "\"aliases:json\", e.roles_json AS \"roles:json\", e.source AS source "
                       "FROM entities e WHERE e.id = ?1",
                       &binds, out);
    /* Roles the texts give it, with where; and the documents that name it: both derived at
     * ingest (store/write.c), so these are index seeks, however often it is mentioned. */
    if (rc == STORE_OK)
        rc = store_attach_rows(st, *out, "roles_in_text",
                               "SELECT r.role AS role, r.mentions AS mentions, r.first_seen AS "
                               "first_seen, r.last_seen AS last_seen, r.documents_json AS "
                               "\"documents:json\" FROM entity_roles r WHERE r.entity_id = ?1 "
                               "ORDER BY r.mentions DESC, r.role",
                               &binds, 100);
    if (rc == STORE_OK)
        rc = store_attach_rows(st, *out, "document_list",
                               "SELECT d.id AS id, d.title AS title, d.published AS published, "
                               "x.mentions AS mentions FROM entity_documents x JOIN documents d "
                               "ON d.id = x.doc_id WHERE x.entity_id = ?1 ORDER BY x.published, "
                               "x.doc_id LIMIT 200",
                               &binds, 200);
    if (rc != STORE_OK && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

const char *const store_mention_sorts[] = {"position", NULL};
static const struct store_sort mentions_sorts[] = {
    /* Document order, then offset, as one integer: pos = doc_seq * 2^32 + start (offsets
     * stay below 2^32: --max-file-mb is at most 4096). The indexes mentions_entity and
     * mentions_entity_doc hold (pos, seq), seq being the tie-breaker. */
    {.name = "position", .expr = "m.pos", .numeric = 1},
    {0},
};

int store_entity_mentions(struct store *st, const char *id, const char *document,
                          const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = "m.doc_id AS document, m.start AS start, m.end AS end, m.surface AS surface, "
                  "m.sentence AS sentence, m.role AS role, m.role_from AS role_from, m.rule AS "
                  "rule, CASE WHEN m.demonym THEN json('true') ELSE json('false') END AS "
                  "\"demonym:json\", "
                  "substr(CAST(d.clean_text AS BLOB), max(1, m.start - 79), m.start - max(0, "
                  "m.start - 80)) AS \"context.before:snippet\", "
                  "substr(CAST(d.clean_text AS BLOB), m.end + 1, 80) AS "
                  "\"context.after:snippet\"",
        .from = "mentions m JOIN documents d ON d.id = m.doc_id",
        .id_expr = "m.seq",
        .sorts = mentions_sorts,
    };

    store_where_text(&spec, "m.entity_id = ?", id);
    if (document)
        store_where_text(&spec, "m.doc_id = ?", document);
    return store_list_run(st, &spec, page, out);
}

const char *const store_related_sorts[] = {"sentences", "documents", NULL};
static const struct store_sort related_sorts[] = {
    /* sentences * 1000000 + documents and the converse, stored for the indexes */
    {.name = "sentences", .expr = "p.by_sentences", .numeric = 1},
    {.name = "documents", .expr = "p.by_documents", .numeric = 1},
    {0},
};

int store_entity_related(struct store *st, const char *id, const char *type,
                         const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = "e.id AS \"entity.id\", e.name AS \"entity.name\", e.type AS "
                  "\"entity.type\", p.sentences AS sentences, p.documents AS documents",
        .from = "entity_pairs p JOIN entities e ON e.id = p.b",
        .id_expr = "p.b",
        .sorts = related_sorts,
    };

    store_where_text(&spec, "p.a = ?", id);
    if (type)
        store_where_text(&spec, "e.type = ?", type);
    return store_list_run(st, &spec, page, out);
}

const char *const store_doc_entity_sorts[] = {"mentions", "name", "first", NULL};
static const struct store_sort doc_entity_sorts[] = {
    {.name = "mentions", .expr = "x.n", .numeric = 1},
    {.name = "name", .expr = "e.name_sort"},
    {.name = "first", .expr = "x.first", .numeric = 1},
    {0},
};

int store_doc_entities(struct store *st, const char *doc_id, const char *type,
                       const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = "e.id AS id, e.type AS type, e.name AS name, CASE WHEN e.kb THEN "
                  "json('true') ELSE json('false') END AS \"kb:json\", x.n AS mentions, "
                  "x.first AS first_offset, x.roles AS \"roles:json\"",
        .from = "(SELECT entity_id, count(*) AS n, min(start) AS first, json_group_array("
                "DISTINCT role) FILTER (WHERE role IS NOT NULL) AS roles FROM mentions WHERE "
                "doc_id = ?1 GROUP BY entity_id) x JOIN entities e ON e.id = x.entity_id",
        .id_expr = "e.id",
        .sorts = doc_entity_sorts,
    };

    store_bind_text(&spec, doc_id); /* ?1 inside the FROM subquery */
    if (type)
        store_where_text(&spec, "e.type = ?", type);
    return store_list_run(st, &spec, page, out);
}
