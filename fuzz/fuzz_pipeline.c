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

    if (ingest_clean((const char *)data, size, &doc) != 0)
        return 0;
    fuzz_extract_stages(pipeline_gz, &doc, doc.meta.published.value, doc.meta.dateline.value);
    ingest_doc_clear(&doc);
    return 0;
}
