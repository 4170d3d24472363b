/* tests/test_meetings_fixtures.c: scores ingest/meetings.c against hand-written gold: the
 * fixture articles in tests/fixtures/meetings/NN-name.txt (+ .gold.json) and the bundled
 * corpus bodies (tests/fixtures/corpus-expected/<id>.body.txt + corpus-<id>.gold.json).
 * Two modes: "gold mentions" (persons and places as listed in the gold file) and "pipeline"
 * (ingest_sentences + ingest_entities_extract + the meetings stage). Figures: detection F1,
 * participant-set F1, date exact where derivable, status accuracy, who+when+where tuple
 * accuracy, registry links, outcome recall. The fixture figures must meet the targets, and so
 * must those of the held-out articles (tests/fixtures/meetings/heldout/ and the later batches
 * below, each on its own; or only the folder named by TWOPLUS_MEETINGS_HELDOUT, for a first run
 * on new texts). */
#include "ingest/entities.h"
#include "ingest/meetings.h"

#include <dirent.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit.h"

#define FIXTURES "tests/fixtures/meetings"
#define CORPUS_BODIES "tests/fixtures/corpus-expected"
/* Articles written after the extractor was tuned on FIXTURES, to measure how it generalizes. */
#define HELDOUT FIXTURES "/heldout"
/* The held-out batches written after the first, scored by default once each met the targets
 * in both modes (tests/fixtures/meetings/README.md): the third in styles the first two lacked
 * (readouts, retrospectives, third-country 2+2s, ISO and Japanese dates, a dated dateline with
 * no document date); the fourth (a transcript with speaker labels, a commentary on the series,
 * AUSMIN, a summit week, "Last Thursday"); the fifth, written blind (third countries' 2+2s
 * beside SCCs, summits, retrospectives, capitalised family names, no document date). */
static const struct {
    const char *dir, *name;
} later_batches[] = {
    {FIXTURES "/heldout3", "held-out third batch"},
    {FIXTURES "/heldout4", "held-out fourth batch"},
    {FIXTURES "/heldout5", "held-out fifth batch"},
};
#define LATER_BATCHES (sizeof(later_batches) / sizeof(later_batches[0]))

static const double target_detection = 0.90, target_participants = 0.90, target_date = 0.95,
                    target_status = 0.90, target_tuple = 0.80;

static int verbose;

struct score {
    int docs;
    int tp, fp, fn;           /* meetings */
    int ptp, pfp, pfn;        /* participants over matched meetings */
    int date_total, date_ok;  /* matched meetings whose gold date is derivable */
    int date_invented;        /* a date where the gold says none can be derived */
    int status_ok;            /* over matched meetings */
    int tuple_ok, gold_total; /* who + when + where, over gold meetings */
    int link_total, link_ok;  /* registry link of matched meetings */
    int out_total, out_ok;    /* outcome phrases found among the meeting's outcomes */
};


/* ---- sentences and paragraphs ---- */

static int build_sentences(const char *text, size_t len, const struct ingest_range *ranges,
                           size_t n, struct ingest_sentence **out)
{
    struct ingest_sentence *s = calloc(n + 1, sizeof *s);
    size_t para = 0, pos = 0;
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++) {
        for (; pos < ranges[i].start && pos + 1 < len; pos++)
            if (text[pos] == '\n' && text[pos + 1] == '\n' && i > 0) {
                para++;
                pos++;
            }
        pos = ranges[i].start;
        s[i].clean = ranges[i];
        s[i].paragraph = para;
    }
    *out = s;
    return 0;
}

/* ---- gold mentions: every occurrence of each listed text, longest first ---- */

static int word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int mention_cmp(const void *a, const void *b)
{
    const struct ingest_mention *x = a, *y = b;
    return x->clean.start < y->clean.start ? -1 : x->clean.start > y->clean.start;
}

static int gold_mentions(const struct ingest_gazetteer *gz, json_t *list, const char *text,
                         size_t len, const struct ingest_range *sent, size_t nsent,
                         struct ingest_mention **out, size_t *count)
{
    size_t n = json_array_size(list), cap = 16, got = 0;
    struct ingest_mention *ms = calloc(cap, sizeof *ms);
    size_t *order = calloc(n + 1, sizeof *order);
    if (!ms || !order) {
        free(ms);
        free(order);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            size_t a =
                strlen(json_string_value(json_object_get(json_array_get(list, order[j]), "text")));
            size_t b = strlen(
                json_string_value(json_object_get(json_array_get(list, order[j - 1]), "text")));
            if (a <= b)
                break;
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t oi = 0; oi < n; oi++) {
        json_t *g = json_array_get(list, order[oi]);
        const char *w = json_string_value(json_object_get(g, "text"));
        const char *id = json_string_value(json_object_get(g, "entity"));
        const char *type = json_string_value(json_object_get(g, "type"));
        const char *role = json_string_value(json_object_get(g, "role"));
        size_t wl = strlen(w);
        for (const char *p = strstr(text, w); p; p = strstr(p + 1, w)) {
            size_t st = (size_t)(p - text), en = st + wl;
            int clash = 0;
            if ((st > 0 && word_char((unsigned char)text[st - 1])) ||
                (en < len && word_char((unsigned char)text[en])))
                continue;
            for (size_t k = 0; k < got; k++)
                if (ms[k].clean.start < en && st < ms[k].clean.end)
                    clash = 1;
            if (clash)
                continue;
            if (got == cap) {
                cap *= 2;
                struct ingest_mention *grown = realloc(ms, cap * sizeof *ms);
                if (!grown)
                    goto nomem;
                ms = grown;
            }
            struct ingest_mention *m = &ms[got++];
            memset(m, 0, sizeof *m);
            m->clean.start = st;
            m->clean.end = en;
            for (size_t k = 0; k < nsent; k++)
                if (sent[k].start <= st && st < sent[k].end)
                    m->sentence = k;
            int t = ingest_entity_type_parse(type ? type : "person");
            m->type = t < 0 ? INGEST_ENT_PERSON : (enum ingest_entity_type)t;
            m->entity_id = strdup(id);
            const struct ingest_kb_entity *e = gz ? ingest_gazetteer_find(gz, id) : NULL;
            m->name = strdup(e ? e->name : w);
            m->kb = e != NULL;
            m->role = role ? strdup(role) : NULL;
            m->role_from = role ? "text" : NULL;
            m->rule = "gold";
            if (!m->entity_id || !m->name || (role && !m->role))
                goto nomem;
        }
    }
    qsort(ms, got, sizeof *ms, mention_cmp);
    free(order);
    *out = ms;
    *count = got;
    return 0;
nomem:
    for (size_t k = 0; k < got; k++) {
        free(ms[k].entity_id);
        free(ms[k].name);
        free(ms[k].role);
    }
    free(ms);
    free(order);
    return -1;
}

static void mentions_free(struct ingest_mention *ms, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(ms[k].entity_id);
        free(ms[k].name);
        free(ms[k].role);
    }
    free(ms);
}

/* ---- comparing ---- */

static void place_norm(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = in; p && *p && n + 1 < size; p++)
        out[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
    out[n] = '\0';
    static const char *const tails[] = {", d.c.", " d.c.", ", dc", " dc", NULL};
    for (const char *const *t = tails; *t; t++) {
        size_t tl = strlen(*t);
        if (n >= tl && strcmp(out + n - tl, *t) == 0) {
            out[n - tl] = '\0';
            break;
        }
    }
}

static int place_equal(json_t *gold, const struct ingest_meeting_mention *m)
{
    const char *g = json_string_value(gold);
    char a[128], b[128];
    if (!g || !*g) /* null or "" (as for a date): no place */
        return m->place_name == NULL;
    if (!m->place_name)
        return 0;
    place_norm(g, a, sizeof a);
    place_norm(m->place_name, b, sizeof b);
    return strcmp(a, b) == 0;
}

static const char *prec_name(enum ingest_precision p)
{
    return p == INGEST_PREC_DAY     ? "day"
           : p == INGEST_PREC_MONTH ? "month"
           : p == INGEST_PREC_YEAR  ? "year"
                                    : "unknown";
}

static int date_equal(json_t *g, const struct ingest_meeting_mention *m)
{
    const char *gd = json_string_value(json_object_get(g, "date"));
    const char *gp = json_string_value(json_object_get(g, "precision"));
    if (!gd || !*gd)
        return !m->date[0];
    return strcmp(gd, m->date) == 0 && (!gp || strcmp(gp, prec_name(m->date_precision)) == 0);
}

static int has_participant(const struct ingest_meeting_mention *m, const char *id)
{
    for (size_t i = 0; i < m->participant_count; i++)
        if (m->participants[i].entity_id && strcmp(m->participants[i].entity_id, id) == 0)
            return 1;
    return 0;
}

static int gold_has(json_t *ids, const char *id)
{
    for (size_t i = 0; i < json_array_size(ids); i++)
        if (strcmp(json_string_value(json_array_get(ids, i)), id) == 0)
            return 1;
    return 0;
}

static double pair_score(json_t *g, const struct ingest_meeting_mention *m)
{
    const char *kind = json_string_value(json_object_get(g, "kind"));
    const char *status = json_string_value(json_object_get(g, "status"));
    json_t *ids = json_object_get(g, "participants");
    size_t shared = 0;
    if (strcmp(kind, m->kind) != 0)
        return -1;
    for (size_t i = 0; i < json_array_size(ids); i++)
        shared += has_participant(m, json_string_value(json_array_get(ids, i)));
    size_t uni = json_array_size(ids) + m->participant_count - shared;
    return 4.0 * date_equal(g, m) + 2.0 * (strcmp(status, m->status) == 0) +
           (uni ? (double)shared / (double)uni : 1.0) + place_equal(json_object_get(g, "place"), m);
}

static void print_mention(const char *doc, const char *text, const struct ingest_meeting_mention *m)
{
    fprintf(stderr, "    got %s/%s date=%s(%s) words=\"%s\" place=%s venue=%s label=\"%s\" [",
            m->kind, m->status, m->date, prec_name(m->date_precision),
            m->date_text ? m->date_text : "", m->place_name ? m->place_name : "-",
            m->venue ? m->venue : "-", m->label ? m->label : "");
    for (size_t i = 0; i < m->participant_count; i++)
        fprintf(stderr, "%s%s(%s)", i ? " " : "", m->participants[i].entity_id,
                m->participants[i].via ? m->participants[i].via : "?");
    fprintf(stderr, "] outcomes=%zu evidence=%zu (%s)\n", m->outcome_count, m->evidence_count, doc);
    /* -vv: the words each piece of evidence covers */
    for (size_t i = 0; verbose > 1 && i < m->evidence_count; i++) {
        const struct ingest_range *e = &m->evidence[i].clean;
        int n = (int)(e->end - e->start > 110 ? 110 : e->end - e->start);
        fprintf(stderr, "      evidence %zu-%zu: %.*s\n", e->start, e->end, n, text + e->start);
    }
}

/* Scores one document's mentions against its gold meetings; links through the registry. */
static void score_doc(const char *name, json_t *gold, const char *text,
                      const struct ingest_meeting_result *res, const struct ingest_registry *reg,
                      struct score *sc)
{
    json_t *meetings = json_object_get(gold, "meetings");
    size_t ng = json_array_size(meetings), np = res->count;
    int *gm = calloc(ng + 1, sizeof *gm), *pm = calloc(np + 1, sizeof *pm);
    struct ingest_merge_input *in = calloc(np + 1, sizeof *in);
    struct ingest_merge_result merged = {0};
    int bad = 0;

    if (!gm || !pm || !in) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < ng; i++)
        gm[i] = -1;
    for (size_t i = 0; i < np; i++) {
        pm[i] = -1;
        in[i].doc_id = name;
        in[i].mention = &res->mentions[i];
    }
    if (reg && ingest_meetings_merge(in, np, reg, &merged) != 0) {
        fprintf(stderr, "merge: out of memory\n");
        exit(2);
    }
    /* Greedy matching on the best pair scores. */
    for (;;) {
        double best = -1;
        size_t bg = 0, bp = 0;
        for (size_t g = 0; g < ng; g++)
            for (size_t p = 0; p < np; p++) {
                if (gm[g] >= 0 || pm[p] >= 0)
                    continue;
                double s = pair_score(json_array_get(meetings, g), &res->mentions[p]);
                if (s > best) {
                    best = s;
                    bg = g;
                    bp = p;
                }
            }
        if (best < 0)
            break;
        gm[bg] = (int)bp;
        pm[bp] = (int)bg;
    }
    sc->docs++;
    for (size_t g = 0; g < ng; g++) {
        json_t *gj = json_array_get(meetings, g);
        json_t *ids = json_object_get(gj, "participants");
        const char *gd = json_string_value(json_object_get(gj, "date"));
        sc->gold_total++;
        if (gm[g] < 0) {
            sc->fn++;
            sc->pfn += (int)json_array_size(ids);
            bad = 1;
            fprintf(stderr, "  %s: missed %s/%s %s\n", name,
                    json_string_value(json_object_get(gj, "kind")),
                    json_string_value(json_object_get(gj, "status")), gd ? gd : "");
            continue;
        }
        const struct ingest_meeting_mention *m = &res->mentions[gm[g]];
        int ptp = 0, pfp = 0, pfn = 0;
        sc->tp++;
        for (size_t i = 0; i < json_array_size(ids); i++) {
            if (has_participant(m, json_string_value(json_array_get(ids, i))))
                ptp++;
            else
                pfn++;
        }
        for (size_t i = 0; i < m->participant_count; i++)
            if (!gold_has(ids, m->participants[i].entity_id))
                pfp++;
        sc->ptp += ptp;
        sc->pfp += pfp;
        sc->pfn += pfn;
        int dok = date_equal(gj, m);
        if (gd && *gd) {
            sc->date_total++;
            sc->date_ok += dok;
        } else if (m->date[0]) {
            sc->date_invented++;
        }
        int sok = strcmp(json_string_value(json_object_get(gj, "status")), m->status) == 0;
        sc->status_ok += sok;
        int pok = place_equal(json_object_get(gj, "place"), m);
        int tok = dok && pok && pfp == 0 && pfn == 0;
        sc->tuple_ok += tok;
        /* registry link */
        json_t *rid = json_object_get(gj, "registry_id");
        const char *want = json_string_value(rid), *got = NULL;
        for (size_t k = 0; k < merged.count; k++)
            for (size_t q = 0; q < merged.meetings[k].input_count; q++)
                if (merged.meetings[k].inputs[q] == (size_t)gm[g] && merged.meetings[k].registry)
                    got = merged.meetings[k].registry->id;
        int lok = (want == NULL && got == NULL) || (want && got && strcmp(want, got) == 0);
        if (reg) {
            sc->link_total++;
            sc->link_ok += lok;
        }
        /* outcomes */
        json_t *outs = json_object_get(gj, "outcomes");
        for (size_t i = 0; i < json_array_size(outs); i++) {
            const char *phrase = json_string_value(json_array_get(outs, i));
            int found = 0;
            for (size_t k = 0; k < m->outcome_count && !found; k++) {
                size_t a = m->outcomes[k].start, b = m->outcomes[k].end;
                char *sent = strndup(text + a, b - a);
                found = sent && strstr(sent, phrase) != NULL;
                free(sent);
            }
            sc->out_total++;
            sc->out_ok += found;
            if (!found && verbose)
                fprintf(stderr, "  %s: outcome \"%s\" not attached\n", name, phrase);
        }
        if (!tok || !sok || !lok) {
            bad = 1;
            fprintf(stderr, "  %s: gold %s/%s %s place=%s registry=%s: %s%s%s%s%s\n", name,
                    json_string_value(json_object_get(gj, "kind")),
                    json_string_value(json_object_get(gj, "status")), gd ? gd : "",
                    json_string_value(json_object_get(gj, "place"))
                        ? json_string_value(json_object_get(gj, "place"))
                        : "null",
                    want ? want : "null", dok ? "" : "date ", pok ? "" : "place ",
                    (pfp || pfn) ? "participants " : "", sok ? "" : "status ", lok ? "" : "link ");
            print_mention(name, text, m);
        }
    }
    for (size_t p = 0; p < np; p++)
        if (pm[p] < 0) {
            sc->fp++;
            bad = 1;
            fprintf(stderr, "  %s: extra\n", name);
            print_mention(name, text, &res->mentions[p]);
        }
    if (verbose && !bad)
        for (size_t p = 0; p < np; p++)
            print_mention(name, text, &res->mentions[p]);
    ingest_merge_result_clear(&merged);
    free(gm);
    free(pm);
    free(in);
}

/* ---- running one document ---- */

enum mode { MODE_GOLD, MODE_PIPELINE };

static int run_doc(enum mode mode, const struct ingest_gazetteer *gz,
                   const struct ingest_registry *reg, const char *name, const char *text_path,
                   const char *gold_path, struct score *sc)
{
    size_t len = 0, gl = 0, nsent = 0, nment = 0;
    char *text = unit_read_file(text_path, &len), *gtext = unit_read_file(gold_path, &gl);
    json_error_t jerr;
    json_t *gold = gtext ? json_loadb(gtext, gl, 0, &jerr) : NULL;
    struct ingest_range *ranges = NULL;
    struct ingest_sentence *sents = NULL;
    struct ingest_mention *gms = NULL;
    struct ingest_entity_result er = {0};
    struct ingest_meeting_result res = {0};
    int rc = -1;

    if (!text || !gold) {
        fprintf(stderr, "%s: cannot read %s or %s\n", name, text_path, gold_path);
        goto out;
    }
    const char *doc_date = json_string_value(json_object_get(gold, "doc_date"));
    const char *dateline = json_string_value(json_object_get(gold, "dateline"));
    if (ingest_sentences(text, len, &ranges, &nsent) != 0 ||
        build_sentences(text, len, ranges, nsent, &sents) != 0)
        goto out;
    if (mode == MODE_GOLD) {
        json_t *list = json_object_get(gold, "mentions");
        if (!list) {
            rc = 1; /* nothing to run this mode on */
            goto out;
        }
        if (gold_mentions(gz, list, text, len, ranges, nsent, &gms, &nment) != 0)
            goto out;
        if (ingest_meetings_extract(text, len, sents, nsent, gms, nment, gz, doc_date, dateline,
                                    &res) != 0)
            goto out;
    } else {
        if (ingest_entities_extract(gz, text, len, ranges, nsent, doc_date, &er) != 0)
            goto out;
        if (ingest_meetings_extract(text, len, sents, nsent, er.mentions, er.mention_count, gz,
                                    doc_date, dateline, &res) != 0)
            goto out;
    }
    score_doc(name, gold, text, &res, reg, sc);
    rc = 0;
out:
    ingest_meeting_result_clear(&res);
    ingest_entity_result_clear(&er);
    mentions_free(gms, nment);
    free(ranges);
    free(sents);
    json_decref(gold);
    free(gtext);
    free(text);
    return rc;
}

/* Extracts one document's meetings as run_doc() does, for the cross-document merge. Returns
 * 0 with *res (release: ingest_meeting_result_clear()), or -1. */
static int extract_doc(enum mode mode, const struct ingest_gazetteer *gz, const char *text_path,
                       const char *gold_path, struct ingest_meeting_result *res)
{
    size_t len = 0, gl = 0, nsent = 0, nment = 0;
    char *text = unit_read_file(text_path, &len), *gtext = unit_read_file(gold_path, &gl);
    json_t *gold = gtext ? json_loadb(gtext, gl, 0, NULL) : NULL;
    struct ingest_range *ranges = NULL;
    struct ingest_sentence *sents = NULL;
    struct ingest_mention *gms = NULL;
    struct ingest_entity_result er = {0};
    int rc = -1;

    if (!text || !gold || ingest_sentences(text, len, &ranges, &nsent) != 0 ||
        build_sentences(text, len, ranges, nsent, &sents) != 0)
        goto out;
    const char *doc_date = json_string_value(json_object_get(gold, "doc_date"));
    const char *dateline = json_string_value(json_object_get(gold, "dateline"));
    if (mode == MODE_GOLD) {
        if (gold_mentions(gz, json_object_get(gold, "mentions"), text, len, ranges, nsent, &gms,
                          &nment) != 0)
            goto out;
        rc = ingest_meetings_extract(text, len, sents, nsent, gms, nment, gz, doc_date, dateline,
                                     res);
    } else {
        if (ingest_entities_extract(gz, text, len, ranges, nsent, doc_date, &er) != 0)
            goto out;
        rc = ingest_meetings_extract(text, len, sents, nsent, er.mentions, er.mention_count, gz,
                                     doc_date, dateline, res);
    }
out:
    ingest_entity_result_clear(&er);
    mentions_free(gms, nment);
    free(ranges);
    free(sents);
    json_decref(gold);
    free(gtext);
    free(text);
    return rc;
}

/* The same 2+2 reported by two documents (000: the eve of it; 002: "yesterday", a day later)
 * merges into one meeting linked to scc-2005-02-19; the 2013 Tokyo meeting of 004 links to
 * its row; 004's "talks began in 1990" stays apart, unlinked. */
static void cross_document_merge(enum mode mode, const struct ingest_gazetteer *gz,
                                 const struct ingest_registry *reg)
{
    static const char *const ids[] = {"000_49d601aa9b4ef2d6", "002_9750fc2e3e51ae71",
                                      "004_207b1119a36f4e11"};
    struct ingest_meeting_result res[3];
    struct ingest_merge_input in[16];
    struct ingest_merge_result merged = {0};
    size_t n = 0;
    char tpath[512], gpath[512];
    const char *bodies = getenv("TWOPLUS_CORPUS_BODIES");

    memset(res, 0, sizeof res);
    for (int d = 0; d < 3; d++) {
        snprintf(tpath, sizeof tpath, "%s/%s.body.txt", bodies ? bodies : CORPUS_BODIES, ids[d]);
        snprintf(gpath, sizeof gpath, "%s/corpus-%s.gold.json", FIXTURES, ids[d]);
        FILE *f = fopen(tpath, "r");
        if (!f) {
            fprintf(stderr, "cross-document merge: no body %s yet: skipped\n", tpath);
            goto out;
        }
        fclose(f);
        unit_checks++;
        if (extract_doc(mode, gz, tpath, gpath, &res[d]) != 0) {
            unit_failures++;
            fprintf(stderr, "cross-document merge: %s failed\n", ids[d]);
            goto out;
        }
        for (size_t i = 0; i < res[d].count && n < 16; i++) {
            in[n].doc_id = ids[d];
            in[n].mention = &res[d].mentions[i];
            n++;
        }
    }
    unit_checks++;
    if (ingest_meetings_merge(in, n, reg, &merged) != 0) {
        unit_failures++;
        goto out;
    }
    const struct ingest_merged_meeting *m2005 = NULL, *m2013 = NULL, *m1990 = NULL;
    size_t docs2005 = 0;
    for (size_t i = 0; i < merged.count; i++) {
        const struct ingest_merged_meeting *m = &merged.meetings[i];
        fprintf(stderr, "  merged %s %s/%s %s inputs=%zu candidates=%zu people=%zu\n", m->id,
                m->kind, m->status, m->date, m->input_count, m->candidate_count,
                m->participant_count);
        if (m->registry && strcmp(m->registry->id, "scc-2005-02-19") == 0)
            m2005 = m;
        if (m->registry && strcmp(m->registry->id, "scc-2013-10-03") == 0)
            m2013 = m;
        if (strcmp(m->date, "1990") == 0)
            m1990 = m;
    }
    if (m2005)
        for (size_t k = 0; k < m2005->input_count; k++)
            docs2005 |= strcmp(in[m2005->inputs[k]].doc_id, ids[0]) == 0   ? 1u
                        : strcmp(in[m2005->inputs[k]].doc_id, ids[1]) == 0 ? 2u
                                                                           : 4u;
    CHECK(m2005 != NULL);
    CHECK(docs2005 == 3); /* both 000 and 002, nothing from 004 */
    CHECK(m2005 && strcmp(m2005->status, "held") == 0 && strcmp(m2005->id, "scc-2005-02-19") == 0);
    CHECK(m2005 && m2005->participant_count >= 4);
    CHECK(m2013 != NULL && m2013 != m2005);
    CHECK(m1990 != NULL && m1990->registry == NULL && m1990 != m2013);
    CHECK(merged.count == 3);
out:
    ingest_merge_result_clear(&merged);
    for (int d = 0; d < 3; d++)
        ingest_meeting_result_clear(&res[d]);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fixture articles (NN-name.txt) or the corpus gold files (corpus-<id>.gold.json). */
static size_t list_dir(const char *dir, int corpus, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d)
        return 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        int ok = corpus ? (strncmp(e->d_name, "corpus-", 7) == 0 && l > 17 &&
                           strcmp(e->d_name + l - 10, ".gold.json") == 0)
                        : (l > 7 && e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
                           strcmp(e->d_name + l - 4, ".txt") == 0);
        if (!ok)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    *out = names;
    return n;
}

static double ratio(int a, int b) { return b ? (double)a / (double)b : 1.0; }

static double f1(int tp, int fp, int fn)
{
    double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void report(const char *what, const struct score *sc)
{
    fprintf(stderr,
            "%s: %d docs, %d gold meetings\n"
            "  detection F1 %.3f (tp %d fp %d fn %d)\n"
            "  participant-set F1 %.3f (tp %d fp %d fn %d)\n"
            "  date exact %.3f (%d/%d derivable; %d invented)\n"
            "  status %.3f (%d/%d)\n"
            "  who+when+where tuple %.3f (%d/%d)\n"
            "  registry link %.3f (%d/%d)  outcome recall %.3f (%d/%d)\n",
            what, sc->docs, sc->gold_total, f1(sc->tp, sc->fp, sc->fn), sc->tp, sc->fp, sc->fn,
            f1(sc->ptp, sc->pfp, sc->pfn), sc->ptp, sc->pfp, sc->pfn,
            ratio(sc->date_ok, sc->date_total), sc->date_ok, sc->date_total, sc->date_invented,
            ratio(sc->status_ok, sc->tp), sc->status_ok, sc->tp,
            ratio(sc->tuple_ok, sc->gold_total), sc->tuple_ok, sc->gold_total,
            ratio(sc->link_ok, sc->link_total), sc->link_ok, sc->link_total,
            ratio(sc->out_ok, sc->out_total), sc->out_ok, sc->out_total);
}

static void check_targets(const char *what, const struct score *sc)
{
    double det = f1(sc->tp, sc->fp, sc->fn), par = f1(sc->ptp, sc->pfp, sc->pfn);
    double dat = ratio(sc->date_ok, sc->date_total), sta = ratio(sc->status_ok, sc->tp);
    double tup = ratio(sc->tuple_ok, sc->gold_total);
    unit_checks++;
    if (det < target_detection || par < target_participants || dat < target_date ||
        sta < target_status || tup < target_tuple || sc->date_invented > 0 || sc->docs < 8) {
        unit_failures++;
        fprintf(stderr,
                "%s: below target (detection %.2f participants %.2f date %.2f "
                "status %.2f tuple %.2f, invented dates %d, docs %d)\n",
                what, det, par, dat, sta, tup, sc->date_invented, sc->docs);
    }
}

/* The articles NN-name.txt (+ .gold.json) of one folder, scored into *sc. */
static void run_articles(enum mode mode, const struct ingest_gazetteer *gz,
                         const struct ingest_registry *reg, const char *dir, struct score *sc)
{
    char **names = NULL, tpath[512], gpath[512];
    size_t n = list_dir(dir, 0, &names);

    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        snprintf(tpath, sizeof tpath, "%s/%s", dir, names[i]);
        snprintf(gpath, sizeof gpath, "%s/%.*s.gold.json", dir, (int)(l - 4), names[i]);
        if (run_doc(mode, gz, reg, names[i], tpath, gpath, sc) < 0) {
            unit_checks++;
            unit_failures++;
        }
        free(names[i]);
    }
    free(names);
}

static void run_all(enum mode mode, const struct ingest_gazetteer *gz,
                    const struct ingest_registry *reg, struct score *fx, struct score *held,
                    struct score later[LATER_BATCHES], struct score *corpus)
{
    char **names = NULL, tpath[512], gpath[512];
    size_t n;

    run_articles(mode, gz, reg, FIXTURES, fx);
    fprintf(stderr, "-- held-out articles --\n");
    /* another folder of unseen articles, for a first run on them alone */
    const char *heldout = getenv("TWOPLUS_MEETINGS_HELDOUT");
    run_articles(mode, gz, reg, heldout ? heldout : HELDOUT, held);
    for (size_t b = 0; !heldout && b < LATER_BATCHES; b++) {
        fprintf(stderr, "-- %s --\n", later_batches[b].name);
        run_articles(mode, gz, reg, later_batches[b].dir, &later[b]);
    }
    n = list_dir(FIXTURES, 1, &names);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        /* corpus-<id>.gold.json -> corpus-expected/<id>.body.txt */
        const char *bodies = getenv("TWOPLUS_CORPUS_BODIES"); /* another copy, for trying */
        snprintf(tpath, sizeof tpath, "%s/%.*s.body.txt", bodies ? bodies : CORPUS_BODIES,
                 (int)(l - 17), names[i] + 7);
        snprintf(gpath, sizeof gpath, "%s/%s", FIXTURES, names[i]);
        FILE *f = fopen(tpath, "r");
        if (!f) {
            fprintf(stderr, "%s: no body %s yet: skipped\n", names[i], tpath);
        } else {
            fclose(f);
            if (run_doc(mode, gz, reg, names[i], tpath, gpath, corpus) < 0) {
                unit_checks++;
                unit_failures++;
            }
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    struct ingest_gazetteer *gz = NULL;
    struct ingest_registry *reg = NULL;
    char err[512];
    struct score fx[2] = {{0}}, held[2] = {{0}}, later[2][LATER_BATCHES] = {{{0}}},
                 corpus[2] = {{0}};
    int batches = getenv("TWOPLUS_MEETINGS_HELDOUT") == NULL;
    static const char *const mode_names[] = {"gold mentions", "pipeline"};
    static const enum mode modes[] = {MODE_GOLD, MODE_PIPELINE};

    verbose = argc > 1 && strcmp(argv[1], "-v") == 0   ? 1
              : argc > 1 && strcmp(argv[1], "-vv") == 0 ? 2
                                                        : 0;
    if (ingest_gazetteer_load("data/entities.jsonl", &gz, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (ingest_registry_load("data/meetings.jsonl", &reg, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        ingest_gazetteer_free(gz);
        return 2;
    }
    for (int m = 0; m < 2; m++) {
        char what[96];
        fprintf(stderr, "== %s ==\n", mode_names[m]);
        run_all(modes[m], gz, reg, &fx[m], &held[m], later[m], &corpus[m]);
        snprintf(what, sizeof what, "fixtures, %s", mode_names[m]);
        report(what, &fx[m]);
        check_targets(what, &fx[m]);
        snprintf(what, sizeof what, "held-out, %s", mode_names[m]);
        report(what, &held[m]);
        check_targets(what, &held[m]);
        for (size_t b = 0; batches && b < LATER_BATCHES; b++) {
            snprintf(what, sizeof what, "%s, %s", later_batches[b].name, mode_names[m]);
            report(what, &later[m][b]);
            check_targets(what, &later[m][b]);
        }
        if (corpus[m].docs) {
            snprintf(what, sizeof what, "bundled corpus, %s", mode_names[m]);
            report(what, &corpus[m]);
        }
        fprintf(stderr, "cross-document merge, %s:\n", mode_names[m]);
        cross_document_merge(modes[m], gz, reg);
    }
    ingest_registry_free(reg);
    ingest_gazetteer_free(gz);
    return unit_done("test_meetings_fixtures");
}
