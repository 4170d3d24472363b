/* fuzz/fuzz_pipeline.c: libFuzzer target for the whole text pipeline of one document, as
 * server/build.c runs it: clean -> entities (gazetteer from data/entities.jsonl, loaded once)
 * -> statements (quote pairing) -> meetings. Offsets out must lie inside the clean text. */
#include "ingest/doc.h"
#include "ingest/entities.h"
#include "ingest/meetings.h"
#include "ingest/quotes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ingest_gazetteer *pipeline_gz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = getenv("TWOPLUS_GAZETTEER");
    char err[512];

    (void)argc;
    (void)argv;
    if (!path)
        path = "data/entities.jsonl";
    if (ingest_gazetteer_load(path, &pipeline_gz, err, sizeof(err)) != 0) {
        fprintf(stderr, "fuzz_pipeline: %s (run from the source root or set "
                        "TWOPLUS_GAZETTEER)\n", err);
        exit(2);
    }
    return 0;
}

static void pipeline_check(struct ingest_range r, size_t len)
{
    if (r.start > r.end || r.end > len)
        abort();
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
        pipeline_check(er.mentions[i].clean, doc.clean_len);
        if (i > 0 && er.mentions[i].clean.start < er.mentions[i - 1].clean.end)
            abort(); /* documented: sorted, non-overlapping */
    }
    if (ingest_statements_extract(doc.clean, doc.clean_len, doc.paragraphs, doc.paragraph_count,
                                  doc.sentences, doc.sentence_count, er.mentions,
                                  er.mention_count, pipeline_gz, date, &sr) != 0)
        goto out;
    for (size_t i = 0; i < sr.count; i++) {
        pipeline_check(sr.statements[i].clean, doc.clean_len);
        pipeline_check(sr.statements[i].speaker, doc.clean_len);
    }
    if (ingest_meetings_extract(doc.clean, doc.clean_len, doc.sentences, doc.sentence_count,
                                er.mentions, er.mention_count, pipeline_gz, date,
                                doc.meta.dateline.value, &mr) != 0)
        goto out;
    for (size_t i = 0; i < mr.count; i++) {
        pipeline_check(mr.mentions[i].clean, doc.clean_len);
        for (size_t j = 0; j < mr.mentions[i].evidence_count; j++)
            pipeline_check(mr.mentions[i].evidence[j].clean, doc.clean_len);
    }
out:
    ingest_meeting_result_clear(&mr);
    ingest_statement_result_clear(&sr);
    ingest_entity_result_clear(&er);
    free(sentences);
    ingest_doc_clear(&doc);
    return 0;
}
