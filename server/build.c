/* server/build.c: an ingest run: corpus folder -> ingest/ stages (read, clean, entities,
 * statements, meetings) on worker threads -> one writer thread -> store, then meetings merged
 * across documents and linked to the registry. A database file that was built from exactly the
 * same inputs is served as it is. The ingest/ functions are pure; this file is the glue. */
#include "server/build.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest/doc.h"
#include "ingest/entities.h"
#include "ingest/ingest.h"
#include "ingest/meetings.h"
#include "ingest/quotes.h"
#include "server/log.h"

static const char *const build_precision_names[] = {NULL, "year", "month", "day"};

static double build_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *build_precision(enum ingest_precision p)
{
    return (unsigned)p < 4 ? build_precision_names[p] : NULL;
}

/* ---- the optional manifest: corpus/manifest.jsonl, one object per file ---- */

static json_t *build_manifest_load(const char *corpus)
{
    char path[4096];
    FILE *f;
    json_t *by_file = json_object();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;

    snprintf(path, sizeof(path), "%s/manifest.jsonl", corpus);
    f = fopen(path, "r");
    if (!f)
        return by_file; /* no manifest: every value comes from the texts */
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t jerr;
        json_t *row;
        const char *file;

        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue;
        row = json_loadb(line, (size_t)n, 0, &jerr);
        file = json_string_value(json_object_get(row, "file"));
        if (!json_is_object(row) || !file) {
            srv_log("warning: %s line %ld: not an object with a \"file\" name; line ignored",
                    path, lineno);
            json_decref(row);
            continue;
        }
        json_object_set_new(by_file, file, row);
    }
    free(line);
    fclose(f);
    return by_file;
}

/* ---- rendering what ingest found into the JSON columns ---- */

static json_t *build_field(const struct ingest_field *f, enum ingest_precision precision,
                           int with_precision)
{
    json_t *o = json_pack("{s:s?, s:s?}", "value", f->value, "provenance",
                          f->provenance == INGEST_PROV_EXTRACTED  ? "extracted"
                          : f->provenance == INGEST_PROV_MANIFEST ? "manifest"
                                                                  : NULL);
    if (f->provenance == INGEST_PROV_EXTRACTED) {
        json_object_set_new(o, "raw_start", json_integer((json_int_t)f->raw.start));
        json_object_set_new(o, "raw_end", json_integer((json_int_t)f->raw.end));
    }
    if (with_precision)
        json_object_set_new(o, "precision", build_precision(precision)
                                                ? json_string(build_precision(precision))
                                                : json_null());
    return o;
}

/* Replaces a field's value with the manifest's, when the manifest row has one. */
static int build_manifest_field(json_t *row, const char *key, struct ingest_field *f)
{
    const char *v = json_string_value(json_object_get(row, key));
    char *copy;

    if (!v)
        return 0;
    copy = strdup(v);
    if (!copy)
        return -1;
    free(f->value);
    f->value = copy;
    f->provenance = INGEST_PROV_MANIFEST;
    f->raw.start = f->raw.end = 0;
    return 0;
}

static int build_apply_manifest(json_t *row, struct ingest_meta *m)
{
    const char *published;

    if (!row)
        return 0;
    if (build_manifest_field(row, "title", &m->title) ||
        build_manifest_field(row, "source", &m->source) ||
        build_manifest_field(row, "url", &m->url) ||
        build_manifest_field(row, "byline", &m->byline) ||
        build_manifest_field(row, "dateline", &m->dateline) ||
        build_manifest_field(row, "language", &m->language))
        return -1;
    published = json_string_value(json_object_get(row, "published"));
    if (published) {
        size_t n = strlen(published);
        if (n != 4 && n != 7 && n != 10) {
            srv_log("warning: manifest: published '%s' is not YYYY, YYYY-MM or YYYY-MM-DD; "
                    "ignored",
                    published);
            return 0;
        }
        if (build_manifest_field(row, "published", &m->published))
            return -1;
        m->published_precision = n == 10 ? INGEST_PREC_DAY
                                 : n == 7 ? INGEST_PREC_MONTH
                                          : INGEST_PREC_YEAR;
    }
    return 0;
}

static char *build_dump(json_t *v)
{
    char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;
    json_decref(v);
    return s;
}

static char *build_meta_json(const struct ingest_meta *m)
{
    return build_dump(json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "title", build_field(&m->title, 0, 0), "source",
        build_field(&m->source, 0, 0), "url", build_field(&m->url, 0, 0), "published",
        build_field(&m->published, m->published_precision, 1), "byline",
        build_field(&m->byline, 0, 0), "dateline", build_field(&m->dateline, 0, 0), "language",
        build_field(&m->language, 0, 0)));
}

static char *build_paragraphs_json(const struct ingest_doc *doc)
{
    json_t *a = json_array();
    for (size_t i = 0; i < doc->paragraph_count; i++)
        json_array_append_new(a, json_pack("{s:I, s:I}", "start",
                                           (json_int_t)doc->paragraphs[i].clean.start, "end",
                                           (json_int_t)doc->paragraphs[i].clean.end));
    return build_dump(a);
}

static char *build_removed_json(const struct ingest_doc *doc)
{
    json_t *a = json_array();
    for (size_t i = 0; i < doc->removed_count; i++) {
        const struct ingest_removed *r = &doc->removed[i];
        json_array_append_new(a, json_pack("{s:I, s:I, s:s, s:s?}", "raw_start",
                                           (json_int_t)r->raw.start, "raw_end",
                                           (json_int_t)r->raw.end, "reason", r->reason, "text",
                                           r->text));
    }
    return build_dump(a);
}

static char *build_related_json(const struct ingest_doc *doc)
{
    json_t *a = json_array();
    for (size_t i = 0; i < doc->related_count; i++)
        json_array_append_new(a, json_string(doc->related[i]));
    return build_dump(a);
}

/* A copy of text[start, end). */
static char *build_span(const char *text, size_t start, size_t end)
{
    return strndup(text + start, end > start ? end - start : 0);
}

/* ---- the gazetteer into the entities table ---- */

static int build_write_kb(struct store_db *db, const struct ingest_gazetteer *gz)
{
    for (size_t i = 0; i < ingest_gazetteer_count(gz); i++) {
        const struct ingest_kb_entity *e = ingest_gazetteer_entity(gz, i);
        json_t *aliases = json_array(), *roles = json_array();
        char *aliases_json, *roles_json, *aliases_text = NULL;
        size_t text_len = 0;
        FILE *f = open_memstream(&aliases_text, &text_len);
        struct store_entity_in in;
        int rc;

        for (size_t k = 0; k < e->alias_count; k++) {
            json_array_append_new(aliases, json_string(e->aliases[k]));
            if (f)
                fprintf(f, "%s%s", k ? " | " : "", e->aliases[k]);
        }
        for (size_t k = 0; k < e->role_count; k++) {
            const struct ingest_kb_role *r = &e->roles[k];
            json_array_append_new(roles, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "title",
                                                   r->title, "org", r->org, "from", r->from,
                                                   "to", r->to, "source", r->source));
        }
        if (f)
            fclose(f);
        aliases_json = build_dump(aliases);
        roles_json = build_dump(roles);
        in = (struct store_entity_in){
            .id = e->id,
            .type = ingest_entity_type_name(e->type),
            .name = e->name,
            .gender = e->gender,
            .aliases_json = aliases_json,
            .aliases_text = aliases_text,
            .roles_json = roles_json,
            .kb_json = e->json,
            .source = e->source,
            .kb = 1,
        };
        rc = store_write_entity(db, &in);
        free(aliases_json);
        free(roles_json);
        free(aliases_text);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* ---- one document ---- */

struct build_state {
    const struct srv_config *cfg;
    const char *corpus_dir;
    const struct store_corpus_file *stats; /* size and times of each corpus file */
    struct store_db *db;
    const struct ingest_gazetteer *gz;
    json_t *manifest;
    /* meeting mentions of every document, kept for the merge */
    struct ingest_meeting_result *meetings;
    char **meeting_doc_ids;
    char **meeting_texts; /* each document's clean text, for evidence snippets */
    size_t meeting_docs, meeting_cap;
};

static int build_write_entities(struct build_state *bs, const char *doc_id, int64_t doc_seq,
                                const char *text, const struct ingest_entity_result *er)
{
    int rc = STORE_OK;

    for (size_t i = 0; rc == STORE_OK && i < er->entity_count; i++) {
        const struct ingest_doc_entity *e = &er->entities[i];
        char gender[2] = {e->gender, 0};
        struct store_entity_in in = {
            .id = e->id,
            .type = ingest_entity_type_name(e->type),
            .name = e->name,
            .gender = e->gender ? gender : NULL,
            .kb = e->kb,
        };
        if (!e->kb)
            rc = store_write_entity(bs->db, &in);
    }
    for (size_t i = 0; rc == STORE_OK && i < er->mention_count; i++) {
        const struct ingest_mention *m = &er->mentions[i];
        char *surface = build_span(text, m->clean.start, m->clean.end);
        struct store_mention_in in = {
            .entity_id = m->entity_id,
            .doc_id = doc_id,
            .doc_seq = doc_seq,
            .start = (int64_t)m->clean.start,
            .end = (int64_t)m->clean.end,
            .surface = surface ? surface : "",
            .sentence = (int64_t)m->sentence,
            .role = m->role,
            .role_from = m->role_from,
            .rule = m->rule ? m->rule : "unknown",
            .demonym = m->demonym,
        };
        rc = surface ? store_write_mention(bs->db, &in) : STORE_NOMEM;
        free(surface);
    }
    return rc;
}

static int build_write_statements(struct build_state *bs, const char *doc_id, int64_t doc_seq,
                                  const struct ingest_meta *meta,
                                  const struct ingest_statement_result *sr)
{
    int rc = STORE_OK;

    for (size_t i = 0; rc == STORE_OK && i < sr->count; i++) {
        const struct ingest_statement *s = &sr->statements[i];
        char id[200], *mentioned_json;
        json_t *mentioned = json_array();
        int text_date = s->date[0] != '\0';
        struct store_statement_in in;

        snprintf(id, sizeof(id), "%s-q%zu", doc_id, i + 1);
        for (size_t k = 0; k < s->mentioned_count; k++)
            json_array_append_new(mentioned, json_string(s->mentioned[k]));
        mentioned_json = build_dump(mentioned);
        in = (struct store_statement_in){
            .id = id,
            .doc_id = doc_id,
            .doc_seq = doc_seq,
            .start = (int64_t)s->clean.start,
            .end = (int64_t)s->clean.end,
            .text = s->text ? s->text : "",
            .kind = ingest_statement_kind_name(s->kind),
            .speaker_id = s->speaker_id,
            .speaker_name = s->speaker_name,
            .speaker_role = s->speaker_role,
            .speaker_description = s->speaker_description,
            .has_speaker_range = s->speaker.end > s->speaker.start,
            .speaker_start = (int64_t)s->speaker.start,
            .speaker_end = (int64_t)s->speaker.end,
            .cue = s->cue,
            .has_cue_range = s->cue_range.end > s->cue_range.start,
            .cue_start = (int64_t)s->cue_range.start,
            .cue_end = (int64_t)s->cue_range.end,
            .rule = s->rule ? s->rule : "none",
            .confidence = s->confidence,
            .date = text_date ? s->date : meta->published.value,
            .date_precision = text_date ? build_precision(s->date_precision)
                                        : build_precision(meta->published_precision),
            .date_from = text_date ? "text" : meta->published.value ? "document" : NULL,
            .paragraph = (int64_t)s->paragraph,
            .mentioned_json = mentioned_json,
        };
        if (s->speaker_id) {
            /* A speaker the entity stage did not list still gets an entity row. */
            struct store_entity_in speaker = {.id = s->speaker_id,
                                              .type = "person",
                                              .name = s->speaker_name ? s->speaker_name
                                                                      : s->speaker_id};
            rc = store_write_entity(bs->db, &speaker);
        }
        if (rc == STORE_OK)
            rc = store_write_statement(bs->db, &in);
        for (size_t k = 0; rc == STORE_OK && k < s->mentioned_count; k++)
            rc = store_write_statement_entity(bs->db, id, s->mentioned[k]);
        free(mentioned_json);
    }
    return rc;
}

static int build_keep_meetings(struct build_state *bs, const char *doc_id, const char *text,
                               struct ingest_meeting_result *mr)
{
    if (mr->count == 0) {
        ingest_meeting_result_clear(mr);
        return STORE_OK;
    }
    if (bs->meeting_docs == bs->meeting_cap) {
        size_t cap = bs->meeting_cap ? bs->meeting_cap * 2 : 64;
        void *a = realloc(bs->meetings, cap * sizeof(*bs->meetings));
        void *b = a ? realloc(bs->meeting_doc_ids, cap * sizeof(char *)) : NULL;
        void *c = b ? realloc(bs->meeting_texts, cap * sizeof(char *)) : NULL;
        if (a)
            bs->meetings = a;
        if (b)
            bs->meeting_doc_ids = b;
        if (c)
            bs->meeting_texts = c;
        if (!c) {
            ingest_meeting_result_clear(mr);
            return STORE_NOMEM;
        }
        bs->meeting_cap = cap;
    }
    bs->meeting_doc_ids[bs->meeting_docs] = strdup(doc_id);
    bs->meeting_texts[bs->meeting_docs] = strdup(text);
    bs->meetings[bs->meeting_docs] = *mr;
    memset(mr, 0, sizeof(*mr));
    bs->meeting_docs++;
    return bs->meeting_doc_ids[bs->meeting_docs - 1] && bs->meeting_texts[bs->meeting_docs - 1]
               ? STORE_OK
               : STORE_NOMEM;
}

/* One corpus file on its way through the ingest: read and extracted by a worker thread (pure
 * ingest/ work, no store), then written by the one writer thread in corpus order, so the
 * database is the same whatever the number of threads. */
struct build_job {
    const char *name;          /* borrowed from the corpus listing */
    int frc;                   /* INGEST_OK, INGEST_SKIP or INGEST_NOMEM */
    int rc;                    /* extraction: 0, or -1 out of memory */
    enum ingest_skip why;
    char *detail;              /* the skip's sentence */
    struct ingest_file file;
    struct ingest_doc doc;
    struct ingest_entity_result er;
    struct ingest_statement_result sr;
    struct ingest_meeting_result mr;
    char *meta_json, *paragraphs_json, *removed_json, *related_json;
};

static void build_job_clear(struct build_job *job)
{
    free(job->detail);
    free(job->meta_json);
    free(job->paragraphs_json);
    free(job->removed_json);
    free(job->related_json);
    ingest_meeting_result_clear(&job->mr);
    ingest_statement_result_clear(&job->sr);
    ingest_entity_result_clear(&job->er);
    ingest_doc_clear(&job->doc);
    ingest_file_clear(&job->file);
    job->detail = job->meta_json = job->paragraphs_json = NULL;
    job->removed_json = job->related_json = NULL;
}

/* Reads, cleans and extracts one file: the part of an ingest that runs on many threads. It
 * only reads the shared gazetteer and manifest. Fills job (frc, rc and the records). */
static void build_extract(const struct build_state *bs, struct build_job *job)
{
    struct ingest_range *sentences = NULL;
    char detail[256];
    const char *date;

    job->rc = -1;
    job->frc = ingest_file_read(bs->corpus_dir, job->name, bs->cfg->max_file_bytes, &job->file,
                                &job->why, detail, sizeof(detail));
    if (job->frc == INGEST_SKIP) {
        job->detail = strdup(detail);
        job->rc = job->detail ? 0 : -1;
        return;
    }
    if (job->frc != INGEST_OK)
        return;
    if (ingest_clean(job->file.text, job->file.size, &job->doc) != 0)
        goto out;
    if (build_apply_manifest(json_object_get(bs->manifest, job->file.name), &job->doc.meta) != 0)
        goto out;
    date = job->doc.meta.published.value;
    sentences = calloc(job->doc.sentence_count + 1, sizeof(*sentences));
    if (!sentences)
        goto out;
    for (size_t i = 0; i < job->doc.sentence_count; i++)
        sentences[i] = job->doc.sentences[i].clean;
    if (ingest_entities_extract(bs->gz, job->doc.clean, job->doc.clean_len, sentences,
                                job->doc.sentence_count, date, &job->er) != 0 ||
        ingest_statements_extract(job->doc.clean, job->doc.clean_len, job->doc.paragraphs,
                                  job->doc.paragraph_count, job->doc.sentences,
                                  job->doc.sentence_count, job->er.mentions,
                                  job->er.mention_count, bs->gz, date, &job->sr) != 0 ||
        ingest_meetings_extract(job->doc.clean, job->doc.clean_len, job->doc.sentences,
                                job->doc.sentence_count, job->er.mentions, job->er.mention_count,
                                bs->gz, date, job->doc.meta.dateline.value, &job->mr) != 0)
        goto out;
    job->meta_json = build_meta_json(&job->doc.meta);
    job->paragraphs_json = build_paragraphs_json(&job->doc);
    job->removed_json = build_removed_json(&job->doc);
    job->related_json = build_related_json(&job->doc);
    if (job->meta_json && job->paragraphs_json && job->removed_json && job->related_json)
        job->rc = 0;
out:
    free(sentences);
}

/* Writes one extracted document (the writer thread). Returns a store code. */
static int build_write_doc(struct build_state *bs, struct build_job *job)
{
    const struct ingest_file *file = &job->file;
    const struct ingest_doc *doc = &job->doc;
    const char *date = doc->meta.published.value;
    int64_t seq = 0;
    struct store_doc_in in = {
        .id = file->id,
        .file_name = file->name,
        .sha256 = file->sha256,
        .title = doc->meta.title.value,
        .raw_text = file->text,
        .clean_text = doc->clean,
        .source = doc->meta.source.value,
        .url = doc->meta.url.value,
        .published = date,
        .published_precision = build_precision(doc->meta.published_precision),
        .byline = doc->meta.byline.value,
        .dateline = doc->meta.dateline.value,
        .language = doc->meta.language.value,
        .meta_json = job->meta_json,
        .paragraphs_json = job->paragraphs_json,
        .removed_json = job->removed_json,
        .related_json = job->related_json,
        .byte_size = (int64_t)file->size,
        .mtime = (int64_t)file->mtime,
        .word_count = (int64_t)ingest_word_count(doc->clean, doc->clean_len),
        .versions = doc->versions,
        .invalid_utf8 = (int64_t)doc->invalid_utf8,
        .sentence_count = (int64_t)doc->sentence_count,
    };
    int rc = store_write_doc(bs->db, &in, &seq);

    if (rc == STORE_OK)
        rc = build_write_entities(bs, file->id, seq, doc->clean, &job->er);
    if (rc == STORE_OK)
        rc = build_write_statements(bs, file->id, seq, &doc->meta, &job->sr);
    if (rc == STORE_OK)
        rc = build_keep_meetings(bs, file->id, doc->clean, &job->mr);
    return rc;
}
/* ---- meetings across documents ---- */

static int build_write_mention_evidence(struct build_state *bs, const char *meeting_id,
                                        size_t d, const struct ingest_meeting_mention *m)
{
    const char *text = bs->meeting_texts[d], *doc_id = bs->meeting_doc_ids[d];
    char *span = build_span(text, m->clean.start, m->clean.end);
    struct store_evidence_in ev = {
        .meeting_id = meeting_id,
        .doc_id = doc_id,
        .field = "mention",
        .text = span,
        .status = m->status,
        .date = m->date[0] ? m->date : NULL,
        .date_precision = m->date[0] ? build_precision(m->date_precision) : NULL,
        .start = (int64_t)m->clean.start,
        .end = (int64_t)m->clean.end,
    };
    int rc = span ? store_write_evidence(bs->db, &ev) : STORE_NOMEM;

    free(span);
    if (rc == STORE_OK && m->date_range.end > m->date_range.start) {
        span = build_span(text, m->date_range.start, m->date_range.end);
        ev = (struct store_evidence_in){.meeting_id = meeting_id,
                                        .doc_id = doc_id,
                                        .field = "date",
                                        .text = span,
                                        .date = m->date[0] ? m->date : NULL,
                                        .date_precision = build_precision(m->date_precision),
                                        .start = (int64_t)m->date_range.start,
                                        .end = (int64_t)m->date_range.end};
        rc = span ? store_write_evidence(bs->db, &ev) : STORE_NOMEM;
        free(span);
    }
    if (rc == STORE_OK && m->place_range.end > m->place_range.start) {
        span = build_span(text, m->place_range.start, m->place_range.end);
        ev = (struct store_evidence_in){.meeting_id = meeting_id,
                                        .doc_id = doc_id,
                                        .field = "place",
                                        .text = span,
                                        .start = (int64_t)m->place_range.start,
                                        .end = (int64_t)m->place_range.end};
        rc = span ? store_write_evidence(bs->db, &ev) : STORE_NOMEM;
        free(span);
    }
    for (size_t k = 0; rc == STORE_OK && k < m->participant_count; k++) {
        const struct ingest_meeting_participant *p = &m->participants[k];
        struct store_participant_in in = {.meeting_id = meeting_id,
                                          .entity_id = p->entity_id,
                                          .name = p->name ? p->name : p->entity_id,
                                          .role = p->role,
                                          .origin = "text",
                                          .doc_id = doc_id,
                                          .start = (int64_t)p->clean.start,
                                          .end = (int64_t)p->clean.end};
        rc = store_write_participant(bs->db, &in);
    }
    for (size_t k = 0; rc == STORE_OK && k < m->outcome_count; k++) {
        span = build_span(text, m->outcomes[k].start, m->outcomes[k].end);
        rc = span ? store_write_outcome(bs->db, meeting_id, doc_id,
                                        (int64_t)m->outcomes[k].start,
                                        (int64_t)m->outcomes[k].end, span)
                  : STORE_NOMEM;
        free(span);
    }
    return rc;
}

static int build_write_registry_participants(struct build_state *bs, const char *meeting_id,
                                             const struct ingest_registry_meeting *row)
{
    int rc = STORE_OK;

    for (size_t k = 0; rc == STORE_OK && k < row->participant_count; k++) {
        const struct ingest_registry_participant *p = &row->participants[k];
        struct store_participant_in in = {.meeting_id = meeting_id,
                                          .entity_id = p->entity,
                                          .name = p->name,
                                          .role = p->role,
                                          .origin = "registry"};
        struct store_entity_in person = {.id = p->entity, .type = "person", .name = p->name};
        rc = store_write_entity(bs->db, &person); /* no-op when the gazetteer has it */
        if (rc == STORE_OK)
            rc = store_write_participant(bs->db, &in);
    }
    return rc;
}

static int build_meetings(struct build_state *bs, const struct ingest_registry *reg)
{
    struct ingest_merge_input *inputs = NULL;
    size_t *input_doc = NULL, n = 0, total = 0;
    struct ingest_merge_result merged = {0};
    unsigned char *linked = NULL;
    int rc = STORE_NOMEM;

    for (size_t d = 0; d < bs->meeting_docs; d++)
        total += bs->meetings[d].count;
    inputs = calloc(total + 1, sizeof(*inputs));
    input_doc = calloc(total + 1, sizeof(*input_doc));
    linked = calloc(ingest_registry_count(reg) + 1, 1);
    if (!inputs || !input_doc || !linked)
        goto out;
    for (size_t d = 0; d < bs->meeting_docs; d++)
        for (size_t k = 0; k < bs->meetings[d].count; k++) {
            inputs[n] = (struct ingest_merge_input){bs->meeting_doc_ids[d],
                                                    &bs->meetings[d].mentions[k]};
            input_doc[n++] = d;
        }
    if (ingest_meetings_merge(inputs, n, reg, &merged) != 0)
        goto out;
    rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < merged.count; i++) {
        const struct ingest_merged_meeting *m = &merged.meetings[i];
        const struct ingest_registry_meeting *row = m->registry;
        json_t *cands = json_array();
        char *cands_json;
        struct store_meeting_in in;

        for (size_t k = 0; k < m->candidate_count; k++)
            json_array_append_new(cands, json_loads(m->candidates[k]->json, 0, NULL));
        cands_json = build_dump(cands);
        if (row)
            for (size_t r = 0; r < ingest_registry_count(reg); r++)
                if (ingest_registry_meeting(reg, r) == row)
                    linked[r] = 1;
        in = (struct store_meeting_in){
            .id = m->id,
            .kind = m->kind,
            .status = m->status,
            /* A registry row's date is the record; the texts' dates stay in the evidence. */
            .date = row && row->date ? row->date : m->date[0] ? m->date : NULL,
            .date_precision = row && row->date ? build_precision(row->precision)
                              : m->date[0]     ? build_precision(m->date_precision)
                                               : NULL,
            .place_id = m->place_id,
            .place_name = m->place_name ? m->place_name : row ? row->city : NULL,
            .venue = m->venue ? m->venue : row ? row->venue : NULL,
            .registry_id = row ? row->id : NULL,
            .registry_json = row ? row->json : NULL,
            .candidates_json = cands_json,
            .label = m->input_count ? inputs[m->inputs[0]].mention->label : NULL,
            .origin = row ? "both" : "text",
        };
        rc = store_write_meeting(bs->db, &in);
        free(cands_json);
        for (size_t k = 0; rc == STORE_OK && k < m->input_count; k++)
            rc = build_write_mention_evidence(bs, m->id, input_doc[m->inputs[k]],
                                              inputs[m->inputs[k]].mention);
        if (rc == STORE_OK && row)
            rc = build_write_registry_participants(bs, m->id, row);
    }
    /* Registry meetings no text reports are meetings all the same. */
    for (size_t r = 0; rc == STORE_OK && r < ingest_registry_count(reg); r++) {
        const struct ingest_registry_meeting *row = ingest_registry_meeting(reg, r);
        int is_doc = row->kind && strcmp(row->kind, "scc-document") == 0;
        struct store_meeting_in in = {
            .id = row->id,
            .kind = row->kind ? row->kind : "scc",
            .status = is_doc ? "issued" : "held",
            .date = row->date,
            .date_precision = build_precision(row->precision),
            .place_name = row->city,
            .venue = row->venue,
            .registry_id = row->id,
            .registry_json = row->json,
            .origin = "registry",
        };
        if (linked[r])
            continue;
        rc = store_write_meeting(bs->db, &in);
        if (rc == STORE_OK)
            rc = build_write_registry_participants(bs, row->id, row);
    }
out:
    ingest_merge_result_clear(&merged);
    free(inputs);
    free(input_doc);
    free(linked);
    return rc;
}

static void build_state_clear(struct build_state *bs)
{
    for (size_t d = 0; d < bs->meeting_docs; d++) {
        ingest_meeting_result_clear(&bs->meetings[d]);
        free(bs->meeting_doc_ids[d]);
        free(bs->meeting_texts[d]);
    }
    free(bs->meetings);
    free(bs->meeting_doc_ids);
    free(bs->meeting_texts);
    json_decref(bs->manifest);
    memset(bs, 0, sizeof(*bs));
}

static int build_meta_count(struct store_db *db, const char *key, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%zu", n);
    return store_write_meta(db, key, buf);
}

/* ---- what a database was built from, to know on restart whether it is still current ---- */

/* Adds what names the input (not its path: "corpus" and "./corpus" are the same folder) and its
 * bytes. */
static void build_hash_file(EVP_MD_CTX *md, const char *label, const char *path)
{
    char buf[65536];
    size_t n;
    FILE *f = fopen(path, "rb");

    EVP_DigestUpdate(md, label, strlen(label) + 1);
    if (!f) {
        EVP_DigestUpdate(md, "-", 1); /* absent, and so different from any content */
        return;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        EVP_DigestUpdate(md, buf, n);
    fclose(f);
}

/* A SHA-256 over everything a document's rows depend on besides its own bytes: this very
 * binary (so a rebuilt extractor never reuses old results), the reference data, the manifest,
 * the corpus folder and the size limit. Returns 0 with hex filled, -1 on failure. */
static int build_fingerprint(const struct srv_config *cfg, char hex[65])
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char sum[32];
    unsigned int len = 0;
    char path[4096], *corpus = realpath(cfg->corpus, NULL);
    int rc = -1;

    if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
        goto out;
    build_hash_file(md, "binary", "/proc/self/exe");
    snprintf(path, sizeof(path), "%s/entities.jsonl", cfg->data_dir);
    build_hash_file(md, "entities", path);
    snprintf(path, sizeof(path), "%s/meetings.jsonl", cfg->data_dir);
    build_hash_file(md, "meetings", path);
    snprintf(path, sizeof(path), "%s/manifest.jsonl", cfg->corpus);
    build_hash_file(md, "manifest", path);
    snprintf(path, sizeof(path), "%s\n%zu\n%s", corpus ? corpus : cfg->corpus,
             cfg->max_file_bytes, TWOPLUS_VERSION);
    EVP_DigestUpdate(md, path, strlen(path));
    if (!EVP_DigestFinal_ex(md, sum, &len) || len != 32)
        goto out;
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", sum[i]);
    rc = 0;
out:
    EVP_MD_CTX_free(md);
    free(corpus);
    return rc;
}

/* A ctime_ns recorded for a file changed within BUILD_RACY_NS of its stat: file times come
 * from a coarse clock (a kernel tick, 1-10 ms), so a later change in the same tick could leave
 * size and times as they were. Such a file is never taken as unchanged (as git does with
 * "racily clean" entries): the next run extracts again, once the file holds still. */
#define BUILD_RACY_CTIME (-2)
#define BUILD_RACY_NS 50000000LL

/* Size and change times of every corpus file, as recorded in the database. A file that cannot
 * be stat'ed gets -1s (it is skipped as unreadable). */
static int build_stat_corpus(const struct ingest_corpus *corpus, struct store_corpus_file *files)
{
    char path[4096];
    struct timespec now;
    int64_t now_ns;

    clock_gettime(CLOCK_REALTIME, &now);
    now_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
    for (size_t i = 0; i < corpus->count; i++) {
        struct stat st;
        files[i] = (struct store_corpus_file){.name = corpus->names[i], .size = -1,
                                              .mtime_ns = -1, .ctime_ns = -1};
        snprintf(path, sizeof(path), "%s/%s", corpus->dir, corpus->names[i]);
        if (stat(path, &st) != 0)
            continue;
        files[i].size = (int64_t)st.st_size;
        files[i].mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        files[i].ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
        if (now_ns - files[i].ctime_ns < BUILD_RACY_NS || now_ns - files[i].mtime_ns < BUILD_RACY_NS)
            files[i].ctime_ns = BUILD_RACY_CTIME;
    }
    return 0;
}

/* True when the database at cfg->db was built by this binary from exactly these inputs: same
 * fingerprint, same file names, and each file of the same size, mtime and ctime (and none of
 * them changing while it was recorded). */
static int build_is_current(struct store_db *prev, const char *fingerprint,
                            const struct store_corpus_file *now, size_t count)
{
    struct store_corpus_file *then = NULL;
    size_t then_count = 0;
    char *value = NULL;
    int same = 0;

    if (store_build_input(prev, "fingerprint", &value) != STORE_OK ||
        strcmp(value, fingerprint) != 0)
        goto out;
    if (store_corpus_files(prev, &then, &then_count) != STORE_OK || then_count != count)
        goto out;
    for (size_t i = 0; i < count; i++)
        if (strcmp(then[i].name, now[i].name) != 0 || then[i].size != now[i].size ||
            then[i].mtime_ns != now[i].mtime_ns || then[i].ctime_ns != now[i].ctime_ns ||
            then[i].ctime_ns == BUILD_RACY_CTIME)
            goto out;
    same = 1;
out:
    store_corpus_files_free(then, then_count);
    free(value);
    return same;
}

/* ---- the worker threads and the one writer ---- */

struct build_pool {
    struct build_state *bs;
    char **names;
    size_t count;
    struct build_job *ring; /* window slots: file i is in ring[i % window] */
    unsigned char *done;
    size_t window, next, applied;
    int stop;
    pthread_mutex_t lock;
    pthread_cond_t job_done, room;
};

static void *build_worker(void *arg)
{
    struct build_pool *pool = arg;

    for (;;) {
        size_t i;
        struct build_job *job;

        pthread_mutex_lock(&pool->lock);
        /* Never run more than a window ahead of the writer: memory stays bounded. */
        while (!pool->stop && pool->next < pool->count &&
               pool->next >= pool->applied + pool->window)
            pthread_cond_wait(&pool->room, &pool->lock);
        if (pool->stop || pool->next >= pool->count) {
            pthread_mutex_unlock(&pool->lock);
            return NULL;
        }
        i = pool->next++;
        pthread_mutex_unlock(&pool->lock);
        job = &pool->ring[i % pool->window];
        job->name = pool->names[i];
        build_extract(pool->bs, job);
        pthread_mutex_lock(&pool->lock);
        pool->done[i % pool->window] = 1;
        pthread_cond_broadcast(&pool->job_done);
        pthread_mutex_unlock(&pool->lock);
    }
}

struct build_progress {
    int tty;
    double t0, last;
    size_t bytes;
};

static void build_progress_show(struct build_progress *p, size_t done, size_t total, int last)
{
    double now = build_now(), secs = now - p->t0;

    if (!p->tty || (!last && now - p->last < 0.2))
        return;
    p->last = now;
    fprintf(stderr, "\rtwoplus: ingest %zu/%zu files, %.1f MB, %.1f MB/s\033[K%s", done, total,
            (double)p->bytes / 1e6, secs > 0 ? (double)p->bytes / 1e6 / secs : 0.0,
            last ? "\n" : "");
}

/* Writes one file's outcome (the writer thread). Returns a store code, or STORE_NOMEM when the
 * worker ran out of memory. */
static int build_apply(struct build_state *bs, struct build_job *job,
                       struct srv_build_summary *summary, struct build_progress *progress)
{
    int rc;

    summary->files_seen++;
    if (job->frc == INGEST_NOMEM || job->rc != 0) {
        srv_log("out of memory reading %s", job->name);
        return STORE_NOMEM;
    }
    if (job->frc == INGEST_SKIP) {
        srv_log("warning: skipped %s: %s", job->name, job->detail);
        summary->files_skipped++;
        return store_write_skip(bs->db, job->name, ingest_skip_code(job->why), job->detail);
    }
    rc = build_write_doc(bs, job);
    summary->files_ingested++;
    summary->bytes += job->file.size;
    progress->bytes += job->file.size;
    return rc;
}

/* Runs every corpus file through extraction and into the store, in corpus order. With one
 * thread the writer extracts too; otherwise threads workers extract ahead of it. */
static int build_files(struct build_state *bs, const struct ingest_corpus *corpus,
                       unsigned threads, struct srv_build_summary *summary)
{
    struct build_pool pool = {.bs = bs, .names = corpus->names, .count = corpus->count};
    struct build_progress progress = {.tty = isatty(STDERR_FILENO), .t0 = build_now()};
    pthread_t *tids = NULL;
    size_t started = 0;
    int rc = STORE_NOMEM;

    if (threads > corpus->count)
        threads = corpus->count ? (unsigned)corpus->count : 1;
    pool.window = threads > 1 ? (size_t)threads * 4 : 1;
    pool.ring = calloc(pool.window, sizeof(*pool.ring));
    pool.done = calloc(pool.window, 1);
    tids = calloc(threads, sizeof(*tids));
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.job_done, NULL);
    pthread_cond_init(&pool.room, NULL);
    if (!pool.ring || !pool.done || !tids)
        goto out;
    if (threads > 1)
        for (; started < threads; started++)
            if (pthread_create(&tids[started], NULL, build_worker, &pool) != 0) {
                srv_log("cannot start an ingest thread: %s", strerror(errno));
                break;
            }
    rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < corpus->count; i++) {
        struct build_job *job = &pool.ring[i % pool.window];

        if (threads > 1 && started == 0) {
            rc = STORE_ERROR;
            break;
        }
        if (threads > 1) {
            pthread_mutex_lock(&pool.lock);
            while (!pool.done[i % pool.window])
                pthread_cond_wait(&pool.job_done, &pool.lock);
            pool.done[i % pool.window] = 0;
            pthread_mutex_unlock(&pool.lock);
        } else {
            job->name = corpus->names[i];
            build_extract(bs, job);
        }
        rc = build_apply(bs, job, summary, &progress);
        if (rc == STORE_OK)
            rc = store_write_corpus_file(bs->db, &bs->stats[i]);
        build_job_clear(job);
        if (threads > 1) {
            pthread_mutex_lock(&pool.lock);
            pool.applied = i + 1;
            pthread_cond_broadcast(&pool.room);
            pthread_mutex_unlock(&pool.lock);
        }
        build_progress_show(&progress, i + 1, corpus->count, 0);
    }
    build_progress_show(&progress, summary->files_seen, corpus->count, 1);
out:
    pthread_mutex_lock(&pool.lock);
    pool.stop = 1;
    pthread_cond_broadcast(&pool.room);
    pthread_mutex_unlock(&pool.lock);
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    for (size_t k = 0; pool.ring && k < pool.window; k++)
        build_job_clear(&pool.ring[k]);
    pthread_cond_destroy(&pool.room);
    pthread_cond_destroy(&pool.job_done);
    pthread_mutex_destroy(&pool.lock);
    free(pool.ring);
    free(pool.done);
    free(tids);
    return rc;
}

static void build_iso_now(char *when, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void build_log_summary(const struct srv_config *cfg, const struct srv_build_summary *s)
{
    srv_log("ingested %zu of %zu files from %s in %.3f s (%zu skipped; %zu extracted, %zu "
            "reused; %.1f MB, %.1f MB/s)",
            s->files_ingested, s->files_seen, cfg->corpus, s->seconds, s->files_skipped,
            s->files_extracted, s->files_reused, (double)s->bytes / 1e6,
            s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0);
}

/* The database file at cfg->db, when it was built from exactly the corpus and reference data
 * there are now: it is served as it is, with the run's counts recorded in its meta table.
 * Returns 1 with *out, 0 when a new build is needed (or there is no file). */
static int build_reuse(const struct srv_config *cfg, const char *fingerprint,
                       const struct store_corpus_file *now, size_t count, double t0,
                       struct store_db **out, struct srv_build_summary *summary)
{
    struct store_db *prev = NULL;
    struct store_stats stats = {0};
    char err[512], micros[32], reused[32], when[32];
    const char *keys[] = {"files_reused", "files_extracted", "ingest_microseconds",
                          "ingested_at"};
    const char *values[] = {reused, "0", micros, when};
    struct store *st;

    if (!cfg->db || access(cfg->db, F_OK) != 0 ||
        store_db_open(cfg->db, &prev, err, sizeof(err)) != STORE_OK)
        goto rebuild;
    if (!build_is_current(prev, fingerprint, now, count))
        goto rebuild;
    st = store_reader(prev);
    if (!st || store_stats_get(st, &stats) != STORE_OK)
        goto rebuild;
    summary->files_seen = count;
    summary->files_skipped = (size_t)stats.skipped;
    summary->files_ingested = (size_t)stats.documents;
    summary->files_reused = summary->files_ingested;
    for (size_t i = 0; i < count; i++)
        summary->bytes += now[i].size > 0 ? (size_t)now[i].size : 0;
    store_stats_clear(&stats);
    summary->seconds = build_now() - t0;
    snprintf(reused, sizeof(reused), "%zu", summary->files_reused);
    snprintf(micros, sizeof(micros), "%lld", (long long)(summary->seconds * 1e6));
    build_iso_now(when, sizeof(when));
    if (store_db_set_meta(cfg->db, keys, values, sizeof(keys) / sizeof(keys[0])) != STORE_OK)
        goto rebuild;
    srv_log("%s is current: nothing to extract", cfg->db);
    build_log_summary(cfg, summary);
    *out = prev;
    return 1;
rebuild:
    store_db_close(prev);
    memset(summary, 0, sizeof(*summary));
    return 0;
}

int srv_build(const struct srv_config *cfg, struct store_db **out,
              struct srv_build_summary *summary)
{
    struct ingest_corpus corpus = {0};
    struct ingest_gazetteer *gz = NULL;
    struct ingest_registry *reg = NULL;
    struct build_state bs = {.cfg = cfg};
    struct store_db *db = NULL;
    struct store_corpus_file *stats = NULL;
    char err[512], when[32], path[4096], fingerprint[65];
    double t0 = build_now();
    int rc = -1;

    memset(summary, 0, sizeof(*summary));
    *out = NULL;
    if (ingest_corpus_scan(cfg->corpus, &corpus) != INGEST_OK) {
        srv_log("cannot read the corpus folder %s: %s", cfg->corpus, strerror(errno));
        goto out;
    }
    stats = calloc(corpus.count + 1, sizeof(*stats));
    if (!stats || build_fingerprint(cfg, fingerprint) != 0) {
        srv_log("out of memory");
        goto out;
    }
    build_stat_corpus(&corpus, stats);
    if (build_reuse(cfg, fingerprint, stats, corpus.count, t0, out, summary)) {
        rc = 0;
        goto out;
    }
    snprintf(path, sizeof(path), "%s/entities.jsonl", cfg->data_dir);
    if (ingest_gazetteer_load(path, &gz, err, sizeof(err)) != 0) {
        srv_log("%s (reference data: set --data DIR)", err);
        goto out;
    }
    snprintf(path, sizeof(path), "%s/meetings.jsonl", cfg->data_dir);
    if (ingest_registry_load(path, &reg, err, sizeof(err)) != 0) {
        srv_log("%s (reference data: set --data DIR)", err);
        goto out;
    }
    if (store_db_create(cfg->db, &db, err, sizeof(err)) != STORE_OK) {
        srv_log("%s", err);
        goto out;
    }
    bs.db = db;
    bs.gz = gz;
    bs.corpus_dir = corpus.dir;
    bs.stats = stats;
    bs.manifest = build_manifest_load(cfg->corpus);
    if (store_write_begin(db) != STORE_OK || build_write_kb(db, gz) != STORE_OK)
        goto fail_store;
    switch (build_files(&bs, &corpus, cfg->threads ? cfg->threads : 1, summary)) {
    case STORE_OK: break;
    case STORE_NOMEM: goto out;
    default: goto fail_store;
    }
    summary->files_extracted = summary->files_ingested;
    if (build_meetings(&bs, reg) != STORE_OK)
        goto fail_store;
    build_iso_now(when, sizeof(when));
    if (store_write_meta(db, "corpus", cfg->corpus) ||
        build_meta_count(db, "files_seen", summary->files_seen) ||
        build_meta_count(db, "files_ingested", summary->files_ingested) ||
        build_meta_count(db, "files_skipped", summary->files_skipped) ||
        build_meta_count(db, "files_extracted", summary->files_extracted) ||
        build_meta_count(db, "files_reused", summary->files_reused) ||
        store_write_meta(db, "ingested_at", when) ||
        store_write_meta(db, "twoplus_version", TWOPLUS_VERSION) ||
        store_write_build_input(db, "fingerprint", fingerprint))
        goto fail_store;
    /* The duration covers the derived tables: they are part of the wait. */
    if (store_write_derive(db) != STORE_OK ||
        build_meta_count(db, "ingest_microseconds", (size_t)((build_now() - t0) * 1e6)) ||
        store_write_finish(db) != STORE_OK)
        goto fail_store;
    summary->seconds = build_now() - t0;
    build_log_summary(cfg, summary);
    *out = db;
    db = NULL;
    rc = 0;
    goto out;
fail_store:
    srv_log("cannot write the database%s%s", cfg->db ? " " : "", cfg->db ? cfg->db : "");
out:
    build_state_clear(&bs);
    store_db_close(db);
    free(stats);
    ingest_corpus_clear(&corpus);
    ingest_registry_free(reg);
    ingest_gazetteer_free(gz);
    return rc;
}
