/* store/meetings.c: reading meetings (lists, one with its evidence) and the timeline. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_meeting_sorts[] = {"date", NULL};
static const struct store_sort meetings_sorts[] = {
    {.name = "date", .expr = "coalesce(m.date, '')"},
    {0},
};

#define MEETING_SUMMARY                                                                        \
    "m.id AS id, m.kind AS kind, m.status AS status, m.label AS label, m.date AS "             \
    "\"date.date\", m.date_precision AS \"date.precision\", m.place_id AS \"place.id\", "      \
    "m.place_name AS \"place.name\", m.venue AS \"place.venue\", "                            \
    "(SELECT json_group_array(json_object('id', entity_id, 'name', name, 'role', role)) FROM " \
    " (SELECT entity_id, max(name) AS name, max(role) AS role, min(rowid) AS r FROM "         \
    "  meeting_participants WHERE meeting_id = m.id GROUP BY entity_id ORDER BY r)) AS "       \
    "\"participants:json\", m.registry_id AS registry_id, m.origin AS origin, "               \
    "m.document_count AS documents"

int store_meeting_list(struct store *st, const struct store_meeting_query *q,
                       const struct store_page *page, struct store_list *out)
{
    struct store_list_spec spec = {
        .select = MEETING_SUMMARY,
        .from = "meetings m",
        .id_expr = "m.id",
        .sorts = meetings_sorts,
    };

    if (q->from)
        store_where_text(&spec, "m.date >= ?", q->from);
    if (q->to)
        store_where_text(&spec, "m.date <= ? || '-99'", q->to);
    if (q->kind)
        store_where_text(&spec, "m.kind = ?", q->kind);
    if (q->status)
        store_where_text(&spec, "m.status = ?", q->status);
    if (q->participant)
        store_where_text(&spec,
                         "m.id IN (SELECT meeting_id FROM meeting_participants WHERE entity_id = ?)",
                         q->participant);
    if (q->place)
        store_where_text(&spec,
                         "(m.place_id = ? OR m.place_name = ? COLLATE NOCASE)", q->place);
    if (q->document)
        store_where_text(&spec,
                         "m.id IN (SELECT meeting_id FROM meeting_evidence WHERE doc_id = ?)",
                         q->document);
    return store_list_run(st, &spec, page, out);
}

int store_meeting_get(struct store *st, const char *id, json_t **out)
{
    static const struct {
        const char *key, *sql;
    } parts[] = {
        {"evidence", "SELECT e.doc_id AS document, e.field AS field, e.start AS start, e.end AS "
                     "end, e.text AS text, e.status AS status, e.date AS \"date.date\", "
                     "e.date_precision AS \"date.precision\" FROM meeting_evidence e WHERE "
                     "e.meeting_id = ?1 ORDER BY e.doc_id, e.start, e.field"},
        {"participant_evidence",
         "SELECT p.entity_id AS id, p.name AS name, p.role AS role, p.origin AS origin, "
         "p.doc_id AS \"evidence.document\", p.start AS \"evidence.start\", p.end AS "
         "\"evidence.end\" FROM meeting_participants p WHERE p.meeting_id = ?1 ORDER BY p.rowid"},
        {"outcomes", "SELECT o.doc_id AS document, o.start AS start, o.end AS end, o.text AS "
                     "text FROM meeting_outcomes o WHERE o.meeting_id = ?1 ORDER BY o.doc_id, "
                     "o.start"},
        {"statements",
         "SELECT s.id AS id, s.kind AS kind, s.text AS text, s.doc_id AS document, s.start AS "
         "start, s.end AS end, CASE WHEN s.speaker_id IS NULL THEN NULL ELSE json_object('id', "
         "s.speaker_id, 'name', s.speaker_name, 'role', s.speaker_role) END AS \"speaker:json\", "
         "s.speaker_description AS speaker_description FROM statements s WHERE s.meeting_id = "
         "?1 AND s.kind <> 'term' ORDER BY s.doc_seq, s.start"},
        {"document_list", "SELECT d.id AS id, d.title AS title, d.published AS published FROM "
                          "documents d WHERE d.id IN (SELECT doc_id FROM meeting_evidence WHERE "
                          "meeting_id = ?1) ORDER BY coalesce(d.published, ''), d.id"},
    };
    struct store_list_spec binds = {0};
    int rc;

    store_bind_text(&binds, id);
    rc = store_row_run(st,
                       "SELECT " MEETING_SUMMARY ", m.registry_json AS \"registry:json\", "
                       "m.candidates_json AS \"candidates:json\" FROM meetings m WHERE m.id = ?1",
                       &binds, out);
    for (size_t i = 0; rc == STORE_OK && i < sizeof(parts) / sizeof(parts[0]); i++)
        rc = store_attach_rows(st, *out, parts[i].key, parts[i].sql, &binds, 1000);
    if (rc != STORE_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* One bucket's period from a date: the first 4, 7 or 10 characters. */
static int timeline_width(const char *bucket)
{
    return !strcmp(bucket, "year") ? 4 : !strcmp(bucket, "month") ? 7 : 10;
}

int store_timeline(struct store *st, const char *bucket, const char *from, const char *to,
                   unsigned types, int items_per_bucket, json_t **out)
{
    int w = timeline_width(bucket);
    char sql[4096];
    struct store_list_spec binds = {0};
    json_t *rows = NULL;
    int rc;

    /* Items whose date is less precise than the bucket (a year-only date in a month
     * timeline) go to a bucket of their own precision: "2010" beside "2010-03". */
    store_bind_text(&binds, from ? from : "");
    store_bind_text(&binds, to ? to : "9999");
    snprintf(
        sql, sizeof(sql),
        "WITH items(kind, period, id, title, date, extra) AS ("
        " SELECT 'meeting', substr(date, 1, %d), id, coalesce(label, kind), date, status"
        "  FROM meetings WHERE %d AND date IS NOT NULL AND date >= ?1 AND date <= ?2 || '-99'"
        " UNION ALL SELECT 'document', substr(published, 1, %d), id, title, published, NULL"
        "  FROM documents WHERE %d AND published IS NOT NULL AND published >= ?1"
        "  AND published <= ?2 || '-99'"
        " UNION ALL SELECT 'statement', substr(date, 1, %d), id, NULL, date, NULL"
        "  FROM statements WHERE %d AND kind <> 'term' AND date IS NOT NULL AND date >= ?1"
        "  AND date <= ?2 || '-99')"
        "SELECT period AS period,"
        " sum(kind = 'meeting') AS \"counts.meetings\","
        " sum(kind = 'document') AS \"counts.documents\","
        " sum(kind = 'statement') AS \"counts.statements\","
        " (SELECT json_group_array(json_object('id', id, 'title', title, 'date', date, 'status',"
        "   extra)) FROM (SELECT * FROM items i2 WHERE i2.period = items.period AND i2.kind ="
        "   'meeting' ORDER BY date, id LIMIT %d)) AS \"meetings:json\","
        " (SELECT json_group_array(json_object('id', id, 'title', title, 'date', date)) FROM"
        "   (SELECT * FROM items i2 WHERE i2.period = items.period AND i2.kind = 'document'"
        "   ORDER BY date, id LIMIT %d)) AS \"documents:json\""
        " FROM items GROUP BY period ORDER BY period",
        w, (types & 1u) != 0, w, (types & 2u) != 0, w, (types & 4u) != 0, items_per_bucket,
        items_per_bucket);
    rc = store_rows_run(st, sql, &binds, 100000, &rows);
    if (rc != STORE_OK)
        return rc;
    *out = rows;
    return STORE_OK;
}
