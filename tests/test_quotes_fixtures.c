/* tests/test_quotes_fixtures.c: scores statement extraction (ingest/quotes.c) against
 * hand-made gold (tests/fixtures/statements/README.md): the articles written for this test and
 * the bundled corpus bodies (corpus-<id>.gold.json over
 * tests/fixtures/corpus-expected/<id>.body.txt). Two runs: "gold mentions" builds the entity
 * mentions from each gold file's persons and entities (the quote stage alone); "pipeline" runs
 * the real ingest_sentences + ingest_entities_extract (data/entities.jsonl) + the quote stage
 * (left out when built with -DTWOPLUS_QUOTES_GOLD_ONLY). Each run fails when the fixture set is
 * below the targets; the corpus is reported. QUOTES_VERBOSE=1 prints every disagreement.
 * TWOPLUS_QUOTES_FROM=NN scores only the articles numbered NN and up (no corpus): the figures
 * of a new held-out batch alone, for its first run. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/entities.h"
#include "ingest/quotes.h"
#include "tests/unit.h"

#define FIXTURES "tests/fixtures/statements"
#define CORPUS_BODIES "tests/fixtures/corpus-expected"
#define GAZETTEER "data/entities.jsonl"

/* targets (issue #5) */
#define T_SPAN_F1 0.95
#define T_SPEAKER 0.90
#define T_EXPLICIT 0.97
#define T_PRONOUN 0.85
#define T_NAMED_PRECISION 0.95

struct score {
    size_t gold, sys, span_tp;
    size_t direct, direct_ok;
    size_t explicit_n, explicit_ok;
    size_t pronoun_n, pronoun_ok;
    size_t named, named_ok;
    size_t kind_ok;
};

static int verbose;
static long only_from = -1; /* TWOPLUS_QUOTES_FROM, or -1 for every file */

/* A fixture text: clean text has no trailing white space. */
static char *read_text(const char *path, size_t *len)
{
    char *buf = unit_read_file(path, len);

    while (buf && *len > 0 &&
           (buf[*len - 1] == '\n' || buf[*len - 1] == ' ' || buf[*len - 1] == '\r'))
        buf[--*len] = '\0';
    return buf;
}

/* Paragraphs are separated by blank lines. */
static struct ingest_paragraph *split_paragraphs(const char *t, size_t len, size_t *count)
{
    struct ingest_paragraph *p = NULL;
    size_t n = 0, i = 0;

    while (i < len) {
        size_t s, e;
        while (i < len && (t[i] == '\n' || t[i] == ' ' || t[i] == '\r'))
            i++;
        if (i >= len)
            break;
        s = i;
        for (;;) {
            const char *nl = memchr(t + i, '\n', len - i);
            size_t j;
            if (!nl) {
                i = len;
                break;
            }
            j = (size_t)(nl - t) + 1;
            while (j < len && (t[j] == ' ' || t[j] == '\r'))
                j++;
            if (j >= len || t[j] == '\n') {
                i = (size_t)(nl - t);
                break;
            }
            i = (size_t)(nl - t) + 1;
        }
        e = i;
        while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\n'))
            e--;
        p = realloc(p, (n + 1) * sizeof *p);
        if (!p)
            abort();
        p[n].clean.start = s;
        p[n].clean.end = e;
        n++;
    }
    *count = n;
    return p;
}

/* ---- stand-in entity stage: mentions of the gold persons and entities ---- */

struct cand {
    size_t start, end;
    size_t ent;
    const char *rule;
    int demonym;
};

struct gold_entity {
    const char *id, *name;
    enum ingest_entity_type type;
    char gender;
};

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static void add_occurrences(const char *t, size_t len, const char *pat, size_t ent,
                            const char *rule, int demonym, struct cand **c, size_t *n)
{
    size_t pl = strlen(pat);

    if (pl == 0)
        return;
    for (const char *p = t; (p = memmem(p, len - (size_t)(p - t), pat, pl)) != NULL; p++) {
        size_t s = (size_t)(p - t), e = s + pl;
        if (s > 0 && is_word_byte((unsigned char)t[s - 1]))
            continue;
        if (e < len && is_word_byte((unsigned char)t[e]) && !((unsigned char)t[e] >= 0x80))
            continue;
        *c = realloc(*c, (*n + 1) * sizeof **c);
        if (!*c)
            abort();
        (*c)[*n] = (struct cand){s, e, ent, rule, demonym};
        (*n)++;
    }
}

/* pat with ' replaced by ’ (U+2019), or NULL when it has no apostrophe */
static char *curly_variant(const char *pat)
{
    size_t n = strlen(pat), k = 0;
    char *d;

    if (!strchr(pat, '\''))
        return NULL;
    d = malloc(n * 3 + 1);
    if (!d)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (pat[i] == '\'') {
            memcpy(d + k, "\xE2\x80\x99", 3);
            k += 3;
        } else {
            d[k++] = pat[i];
        }
    }
    d[k] = '\0';
    return d;
}

static void add_pattern(const char *t, size_t len, const char *pat, size_t ent, const char *rule,
                        int demonym, struct cand **c, size_t *n)
{
    char *v = curly_variant(pat);

    add_occurrences(t, len, pat, ent, rule, demonym, c, n);
    if (v)
        add_occurrences(t, len, v, ent, rule, demonym, c, n);
    free(v);
}

static int cand_cmp(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) ? -1 : (x->end < y->end);
}

static int gold_type(const char *s)
{
    if (!s)
        return INGEST_ENT_PERSON;
    if (!strcmp(s, "organization"))
        return INGEST_ENT_ORGANIZATION;
    if (!strcmp(s, "country"))
        return INGEST_ENT_COUNTRY;
    if (!strcmp(s, "place"))
        return INGEST_ENT_PLACE;
    if (!strcmp(s, "agreement"))
        return INGEST_ENT_AGREEMENT;
    return INGEST_ENT_PERSON;
}

static struct ingest_mention *gold_mentions(json_t *gold, const char *t, size_t len, size_t *count)
{
    struct gold_entity ents[128];
    size_t ne = 0, nc = 0, nm = 0, last_end = 0;
    struct cand *c = NULL;
    struct ingest_mention *m;
    json_t *lists[2] = {json_object_get(gold, "persons"), json_object_get(gold, "entities")};

    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *e;
        json_array_foreach(lists[l], i, e)
        {
            const char *name = json_string_value(json_object_get(e, "name"));
            const char *g = json_string_value(json_object_get(e, "gender"));
            const char *sur = json_string_value(json_object_get(e, "surname"));
            json_t *aliases = json_object_get(e, "aliases"), *a;
            size_t k;
            if (ne == sizeof ents / sizeof ents[0])
                break;
            ents[ne].id = json_string_value(json_object_get(e, "id"));
            ents[ne].name = name;
            ents[ne].type = l == 0 ? INGEST_ENT_PERSON
                                   : (enum ingest_entity_type)gold_type(
                                         json_string_value(json_object_get(e, "type")));
            ents[ne].gender = g ? g[0] : 0;
            add_pattern(t, len, name, ne, "gazetteer", 0, &c, &nc);
            json_array_foreach(aliases, k, a)
            {
                const char *s = json_string_value(a);
                int role = l == 0 && s && s[0] >= 'A' && s[0] <= 'Z' && strchr(s, ' ') &&
                           (!strncmp(s, "The ", 4) || !strncmp(s, "the ", 4));
                add_pattern(t, len, s, ne, role ? "role-reference" : "gazetteer", 0, &c, &nc);
            }
            json_array_foreach(json_object_get(e, "demonyms"), k, a)
                add_pattern(t, len, json_string_value(a), ne, "demonym", 1, &c, &nc);
            if (l == 0 && sur) {
                static const char *const hon[] = {"Mr. ", "Ms. ", "Mrs. ", "Dr. "};
                char buf[256];
                for (size_t h = 0; h < 4; h++) {
                    snprintf(buf, sizeof buf, "%s%s", hon[h], sur);
                    add_pattern(t, len, buf, ne, "honorific", 0, &c, &nc);
                }
                add_pattern(t, len, sur, ne, "surname", 0, &c, &nc);
            }
            ne++;
        }
    }
    qsort(c, nc, sizeof *c, cand_cmp);
    m = calloc(nc ? nc : 1, sizeof *m);
    if (!m)
        abort();
    for (size_t k = 0; k < nc; k++) {
        const struct gold_entity *e = &ents[c[k].ent];
        if (nm && c[k].start < last_end)
            continue;
        m[nm].clean.start = c[k].start;
        m[nm].clean.end = c[k].end;
        m[nm].type = e->type;
        m[nm].entity_id = strdup(e->id);
        m[nm].name = strdup(e->name);
        m[nm].kb = 0;
        m[nm].rule = c[k].rule;
        m[nm].demonym = c[k].demonym;
        m[nm].gender = e->type == INGEST_ENT_PERSON ? e->gender : 0;
        last_end = c[k].end;
        nm++;
    }
    free(c);
    *count = nm;
    return m;
}

static void free_mentions(struct ingest_mention *m, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(m[k].entity_id);
        free(m[k].name);
        free(m[k].role);
    }
    free(m);
}

/* ---- scoring ---- */

static int speaker_ok(json_t *g, const struct ingest_statement *s)
{
    const char *gs = json_string_value(json_object_get(g, "speaker"));
    const char *gd = json_string_value(json_object_get(g, "description"));

    if (gs)
        return s->speaker_id && strcmp(gs, s->speaker_id) == 0;
    if (s->speaker_id)
        return 0;
    return !gd || s->speaker_description != NULL;
}

static void score_doc(const char *name, json_t *gold, const char *text,
                      const struct ingest_statement_result *res, struct score *sc)
{
    json_t *stmts = json_object_get(gold, "statements"), *g;
    size_t i;
    char *used = calloc(res->count + 1, 1);

    if (!used)
        abort();
    sc->gold += json_array_size(stmts);
    sc->sys += res->count;
    json_array_foreach(stmts, i, g)
    {
        size_t start = (size_t)json_integer_value(json_object_get(g, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(g, "end"));
        const char *kind = json_string_value(json_object_get(g, "kind"));
        const char *via = json_string_value(json_object_get(g, "via"));
        const char *gtext = json_string_value(json_object_get(g, "text"));
        const struct ingest_statement *s = NULL;
        int direct = kind && !strcmp(kind, "direct"), ok;

        /* the gold must agree with its own text */
        CHECK(gtext && end >= start && strlen(gtext) == end - start &&
              !memcmp(text + start, gtext, end - start));
        for (size_t k = 0; k < res->count; k++)
            if (res->statements[k].clean.start == start && res->statements[k].clean.end == end) {
                s = &res->statements[k];
                used[k] = 1;
                break;
            }
        if (s) {
            sc->span_tp++;
            if (!strcmp(kind, ingest_statement_kind_name(s->kind)))
                sc->kind_ok++;
            if (s->speaker_id) {
                sc->named++;
                sc->named_ok += speaker_ok(g, s);
            }
        }
        ok = s && speaker_ok(g, s);
        if (direct) {
            sc->direct++;
            sc->direct_ok += ok;
            if (via && !strcmp(via, "explicit")) {
                sc->explicit_n++;
                sc->explicit_ok += ok;
            }
            if (via && (!strcmp(via, "pronoun") || !strcmp(via, "continuation"))) {
                sc->pronoun_n++;
                sc->pronoun_ok += ok;
            }
        }
        if (verbose && (!s || !ok || strcmp(kind, ingest_statement_kind_name(s->kind)))) {
            const char *gsp = json_string_value(json_object_get(g, "speaker"));
            fprintf(stderr, "  %s [%zu,%zu) %.50s\n    gold %s %s (%s)\n", name, start, end,
                    gtext ? gtext : "", kind, gsp ? gsp : "-", via ? via : "");
            if (s)
                fprintf(stderr, "    got  %s %s desc=%s rule=%s cue=%s conf=%.2f\n",
                        ingest_statement_kind_name(s->kind), s->speaker_id ? s->speaker_id : "-",
                        s->speaker_description ? s->speaker_description : "-", s->rule,
                        s->cue ? s->cue : "-", s->confidence);
            else
                fprintf(stderr, "    got  no span\n");
        }
    }
    for (size_t k = 0; k < res->count; k++)
        if (!used[k]) {
            const struct ingest_statement *s = &res->statements[k];
            if (s->speaker_id) {
                sc->named++; /* a named speaker on a span the gold does not have */
            }
            if (verbose)
                fprintf(stderr, "  %s [%zu,%zu) extra %s %.50s\n", name, s->clean.start,
                        s->clean.end, ingest_statement_kind_name(s->kind), s->text);
        }
    free(used);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 1.0; }

static double span_f1(const struct score *s)
{
    double p = ratio(s->span_tp, s->sys), r = ratio(s->span_tp, s->gold);

    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void report(const char *what, const struct score *s)
{
    fprintf(stderr,
            "%s: spans gold %zu, found %zu, exact %zu: P %.3f R %.3f F1 %.3f | kind agreement "
            "%.3f\n"
            "%s: speaker accuracy (direct) %.3f (%zu/%zu); explicit %.3f (%zu/%zu); "
            "pronoun/continuation %.3f (%zu/%zu); named-speaker precision %.3f (%zu/%zu)\n",
            what, s->gold, s->sys, s->span_tp, ratio(s->span_tp, s->sys),
            ratio(s->span_tp, s->gold), span_f1(s), ratio(s->kind_ok, s->span_tp), what,
            ratio(s->direct_ok, s->direct), s->direct_ok, s->direct,
            ratio(s->explicit_ok, s->explicit_n), s->explicit_ok, s->explicit_n,
            ratio(s->pronoun_ok, s->pronoun_n), s->pronoun_ok, s->pronoun_n,
            ratio(s->named_ok, s->named), s->named_ok, s->named);
}

static void check_targets(const char *what, const struct score *s)
{
    int ok = span_f1(s) >= T_SPAN_F1 && ratio(s->direct_ok, s->direct) >= T_SPEAKER &&
             ratio(s->explicit_ok, s->explicit_n) >= T_EXPLICIT &&
             ratio(s->pronoun_ok, s->pronoun_n) >= T_PRONOUN &&
             ratio(s->named_ok, s->named) >= T_NAMED_PRECISION;

    if (!ok)
        fprintf(stderr,
                "%s: below the targets (span F1 %.2f, speaker %.2f, explicit %.2f, "
                "pronoun/continuation %.2f, named precision %.2f)\n",
                what, T_SPAN_F1, T_SPEAKER, T_EXPLICIT, T_PRONOUN, T_NAMED_PRECISION);
    CHECK(ok);
}

/* ---- runs ---- */

enum mode { MODE_GOLD, MODE_PIPELINE };

#ifndef TWOPLUS_QUOTES_GOLD_ONLY
static struct ingest_gazetteer *gazetteer;

static int run_pipeline(const char *text, size_t len, const struct ingest_paragraph *paras,
                        size_t np, const char *doc_date, struct ingest_statement_result *res)
{
    struct ingest_range *sr = NULL;
    struct ingest_sentence *sent = NULL;
    struct ingest_entity_result er = {0};
    size_t ns = 0;
    int rc = -1;

    if (ingest_sentences(text, len, &sr, &ns) != 0)
        goto out;
    sent = calloc(ns ? ns : 1, sizeof *sent);
    if (!sent)
        goto out;
    for (size_t k = 0, p = 0; k < ns; k++) {
        while (p + 1 < np && sr[k].start >= paras[p + 1].clean.start)
            p++;
        sent[k].clean = sr[k];
        sent[k].paragraph = p;
    }
    if (ingest_entities_extract(gazetteer, text, len, sr, ns, doc_date, &er) != 0)
        goto out;
    if (getenv("QUOTES_MENTIONS")) /* debugging aid: the extractor's mentions */
        for (size_t k = 0; k < er.mention_count; k++) {
            const struct ingest_mention *m = &er.mentions[k];
            fprintf(stderr, "    mention %.*s -> %s %s g=%c rule=%s\n",
                    (int)(m->clean.end - m->clean.start), text + m->clean.start, m->entity_id,
                    ingest_entity_type_name(m->type), m->gender ? m->gender : '-', m->rule);
        }
    rc = ingest_statements_extract(text, len, paras, np, sent, ns, er.mentions, er.mention_count,
                                   gazetteer, doc_date, res);
out:
    ingest_entity_result_clear(&er);
    free(sent);
    free(sr);
    return rc;
}
#endif

/* Scores one article; returns 0, or -1 when its files are missing. */
static int run_doc(enum mode mode, const char *label, const char *body_path, const char *gold_path,
                   struct score *sc)
{
    json_error_t err;
    json_t *gold = json_load_file(gold_path, 0, &err);
    size_t len = 0, np = 0;
    char *text = read_text(body_path, &len);
    struct ingest_paragraph *paras;
    struct ingest_statement_result res = {0};
    const char *doc_date;
    int rc = -1;

    if (!gold || !text) {
        if (!gold)
            fprintf(stderr, "%s: %s\n", gold_path, err.text);
        json_decref(gold);
        free(text);
        return -1;
    }
    doc_date = json_string_value(json_object_get(gold, "doc_date"));
    paras = split_paragraphs(text, len, &np);
    if (mode == MODE_GOLD) {
        size_t nm = 0;
        struct ingest_mention *m = gold_mentions(gold, text, len, &nm);
        rc = ingest_statements_extract(text, len, paras, np, NULL, 0, m, nm, NULL, doc_date, &res);
        free_mentions(m, nm);
    }
#ifndef TWOPLUS_QUOTES_GOLD_ONLY
    else
        rc = run_pipeline(text, len, paras, np, doc_date, &res);
#endif
    CHECK(rc == 0);
    if (rc == 0)
        score_doc(label, gold, text, &res, sc);
    ingest_statement_result_clear(&res);
    free(paras);
    free(text);
    json_decref(gold);
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_set(enum mode mode, const char *what)
{
    DIR *d = opendir(FIXTURES);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, bodies = 0, corpus = 0;
    struct score fx = {0}, cp = {0};
    char label[320];

    CHECK(d != NULL);
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 10 && !strcmp(de->d_name + l - 10, ".gold.json")) {
            names = realloc(names, (n + 1) * sizeof *names);
            if (!names || !(names[n] = strdup(de->d_name)))
                abort();
            n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t k = 0; k < n; k++) {
        char body[512], gold[512], stem[256];
        size_t l = strlen(names[k]) - 10;
        int is_corpus = !strncmp(names[k], "corpus-", 7);

        if (only_from >= 0 && (is_corpus || strtol(names[k], NULL, 10) < only_from)) {
            free(names[k]);
            continue;
        }
        snprintf(stem, sizeof stem, "%.*s", (int)l, names[k]);
        snprintf(gold, sizeof gold, "%s/%s", FIXTURES, names[k]);
        if (is_corpus)
            snprintf(body, sizeof body, "%s/%s.body.txt", CORPUS_BODIES, stem + 7);
        else
            snprintf(body, sizeof body, "%s/%s.txt", FIXTURES, stem);
        snprintf(label, sizeof label, "%s", stem);
        if (run_doc(mode, label, body, gold, is_corpus ? &cp : &fx) == 0) {
            if (is_corpus)
                corpus++;
            else
                bodies++;
        } else if (!is_corpus) {
            CHECK(!"fixture body or gold missing");
        } else {
            fprintf(stderr, "%s: %s not there yet, skipped\n", what, body);
        }
        free(names[k]);
    }
    free(names);
    CHECK(bodies >= (only_from >= 0 ? 1 : 10));
    snprintf(label, sizeof label, "%s, fixtures (%zu articles)", what, bodies);
    report(label, &fx);
    check_targets(label, &fx);
    if (corpus) {
        snprintf(label, sizeof label, "%s, bundled corpus (%zu bodies)", what, corpus);
        report(label, &cp);
    }
}

int main(void)
{
    const char *v = getenv("QUOTES_VERBOSE");
    const char *from = getenv("TWOPLUS_QUOTES_FROM");

    verbose = v && *v && *v != '0';
    if (from && *from)
        only_from = strtol(from, NULL, 10);
    run_set(MODE_GOLD, "gold mentions");
#ifndef TWOPLUS_QUOTES_GOLD_ONLY
    {
        char err[512];
        CHECK(ingest_gazetteer_load(GAZETTEER, &gazetteer, err, sizeof err) == 0);
        if (gazetteer) {
            run_set(MODE_PIPELINE, "pipeline");
            ingest_gazetteer_free(gazetteer);
        } else {
            fprintf(stderr, "%s\n", err);
        }
    }
#endif
    return unit_done("test_quotes_fixtures");
}
