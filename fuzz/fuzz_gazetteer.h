/* fuzz/fuzz_gazetteer.h: what the extraction targets (fuzz_extract, fuzz_pipeline) share: the
 * gazetteer, loaded once from $TWOPLUS_GAZETTEER or data/entities.jsonl, the check that an
 * output range lies inside the text, and the run of the extraction stages over a segmented
 * document. Header-only: tools/fuzz builds each target from one file. */
#ifndef TWOPLUS_FUZZ_GAZETTEER_H
#define TWOPLUS_FUZZ_GAZETTEER_H

#include <stdio.h>
#include <stdlib.h>

#include "ingest/doc.h"
#include "ingest/entities.h"
#include "ingest/meetings.h"
#include "ingest/quotes.h"

/* The gazetteer for target (named in the error), or exit(2) when it cannot be loaded. */
static struct ingest_gazetteer *fuzz_gazetteer_load(const char *target)
{
    const char *path = getenv("TWOPLUS_GAZETTEER");
    struct ingest_gazetteer *gz = NULL;
    char err[512];

    if (!path)
        path = "data/entities.jsonl";
    if (ingest_gazetteer_load(path, &gz, err, sizeof(err)) != 0) {
        fprintf(stderr, "%s: %s (run from the source root or set TWOPLUS_GAZETTEER)\n", target,
                err);
        exit(2);
    }
    return gz;
}

/* Aborts (a finding for libFuzzer) unless r lies inside a text of len bytes. */
static void fuzz_check_range(struct ingest_range r, size_t len)
{
    if (r.start > r.end || r.end > len)
        abort();
}

/* Runs entities, statements and meetings over a segmented doc (as the ingest does) and aborts
 * when an output breaks its documented shape: a range outside the text, mentions unsorted or
 * overlapping. */
static void fuzz_extract_stages(const struct ingest_gazetteer *gz, const struct ingest_doc *doc,
                                const char *date, const char *dateline)
{
    struct ingest_entity_result er = {0};
    struct ingest_statement_result sr = {0};
    struct ingest_meeting_result mr = {0};
    struct ingest_range *sentences = calloc(doc->sentence_count + 1, sizeof(*sentences));

    if (!sentences)
        return;
    for (size_t i = 0; i < doc->sentence_count; i++) {
        fuzz_check_range(doc->sentences[i].clean, doc->clean_len);
        sentences[i] = doc->sentences[i].clean;
    }
    if (ingest_entities_extract(gz, doc->clean, doc->clean_len, sentences, doc->sentence_count,
                                date, &er) != 0)
        goto out;
    for (size_t i = 0; i < er.mention_count; i++) {
        fuzz_check_range(er.mentions[i].clean, doc->clean_len);
        if (i > 0 && er.mentions[i].clean.start < er.mentions[i - 1].clean.end)
            abort(); /* documented: sorted, non-overlapping */
    }
    if (ingest_statements_extract(doc->clean, doc->clean_len, doc->paragraphs,
                                  doc->paragraph_count, doc->sentences, doc->sentence_count,
                                  er.mentions, er.mention_count, gz, date, &sr) != 0)
        goto out;
    for (size_t i = 0; i < sr.count; i++) {
        fuzz_check_range(sr.statements[i].clean, doc->clean_len);
        fuzz_check_range(sr.statements[i].speaker, doc->clean_len);
    }
    if (ingest_meetings_extract(doc->clean, doc->clean_len, doc->sentences, doc->sentence_count,
                                er.mentions, er.mention_count, gz, date, dateline, &mr) != 0)
        goto out;
    for (size_t i = 0; i < mr.count; i++) {
        fuzz_check_range(mr.mentions[i].clean, doc->clean_len);
        for (size_t j = 0; j < mr.mentions[i].evidence_count; j++)
            fuzz_check_range(mr.mentions[i].evidence[j].clean, doc->clean_len);
    }
out:
    ingest_meeting_result_clear(&mr);
    ingest_statement_result_clear(&sr);
    ingest_entity_result_clear(&er);
    free(sentences);
}

#endif
