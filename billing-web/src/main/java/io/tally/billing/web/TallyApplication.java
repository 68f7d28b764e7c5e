package io.tally.billing.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API, version 1. Resources and providers are found by scanning. */
@ApplicationPath("/api/v1")
public class TallyApplication extends Application {}
