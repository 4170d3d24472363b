/* fuzz/fuzz_sentences.c: libFuzzer target for sentence splitting (ingest_sentences()):
 * ranges must be ordered, non-overlapping and inside the text. */
#include "ingest/doc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest_range *sentences = NULL;
    size_t count = 0, prev_end = 0;

    if (ingest_sentences((const char *)data, size, &sentences, &count) != 0)
        return 0;
    for (size_t i = 0; i < count; i++) {
        if (sentences[i].start > sentences[i].end || sentences[i].end > size ||
            sentences[i].start < prev_end)
            abort();
        prev_end = sentences[i].end;
    }
    free(sentences);
    return 0;
}
