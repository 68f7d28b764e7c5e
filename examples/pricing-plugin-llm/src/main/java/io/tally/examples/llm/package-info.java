/**
 * A sample pricing plugin for a per-token LLM family, built outside Tally's reactor against the
 * pricing SPI and the plugin test kit only. Release 1.0.0 prices input, cached input and output
 * tokens at rates per million; 2.0.0 adds the long-context rule. One source builds both releases:
 * the version is set at build time and each rule names the release that introduced it.
 */
package io.tally.examples.llm;
