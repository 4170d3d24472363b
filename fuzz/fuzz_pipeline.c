/* fuzz/fuzz_pipeline.c: libFuzzer target for the whole text pipeline of one document, as
 * server/build.c runs it: clean -> entities (gazetteer from data/entities.jsonl, loaded once)
 * -> statements (quote pairing) -> meetings. Offsets out must lie inside the clean text. */
#include "ingest/doc.h"
#include "ingest/entities.h"
#include "ingest/meetings.h"
#include "ingest/quotes.h"
#include "fuzz/fuzz_gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ingest_gazetteer *pipeline_gz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    pipeline_gz = fuzz_gazetteer_load("fuzz_pipeline");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest_doc doc = {0};
    struct ingest_entity_result er = {0};
    struct ingest_statement_result sr = {0};
    struct ingest_meeting_result mr = {0};
    struct ingest_range *sentences = NULL;
    const char *date;

    if (ingest_clean((const char *)data, size, &doc) != 0)
        return 0;
    date = doc.meta.published.value;
    sentences = calloc(doc.sentence_count + 1, sizeof(*sentences));
    if (!sentences)
        goto out;
    for (size_t i = 0; i < doc.sentence_count; i++)
        sentences[i] = doc.sentences[i].clean;
    if (ingest_entities_extract(pipeline_gz, doc.clean, doc.clean_len, sentences,
                                doc.sentence_count, date, &er) != 0)
        goto out;
    for (size_t i = 0; i < er.mention_count; i++) {
        fuzz_check_range(er.mentions[i].clean, doc.clean_len);
        if (i > 0 && er.mentions[i].clean.start < er.mentions[i - 1].clean.end)
            abort(); /* documented: sorted, non-overlapping */
    }
    if (ingest_statements_extract(doc.clean, doc.clean_len, doc.paragraphs, doc.paragraph_count,
                                  doc.sentences, doc.sentence_count, er.mentions,
                                  er.mention_count, pipeline_gz, date, &sr) != 0)
        goto out;
    for (size_t i = 0; i < sr.count; i++) {
        fuzz_check_range(sr.statements[i].clean, doc.clean_len);
        fuzz_check_range(sr.statements[i].speaker, doc.clean_len);
    }
    if (ingest_meetings_extract(doc.clean, doc.clean_len, doc.sentences, doc.sentence_count,
                                er.mentions, er.mention_count, pipeline_gz, date,
                                doc.meta.dateline.value, &mr) != 0)
        goto out;
    for (size_t i = 0; i < mr.count; i++) {
        fuzz_check_range(mr.mentions[i].clean, doc.clean_len);
        for (size_t j = 0; j < mr.mentions[i].evidence_count; j++)
            fuzz_check_range(mr.mentions[i].evidence[j].clean, doc.clean_len);
    }
out:
    ingest_meeting_result_clear(&mr);
    ingest_statement_result_clear(&sr);
    ingest_entity_result_clear(&er);
    free(sentences);
    ingest_doc_clear(&doc);
    return 0;
}
