package io.tally.billing.api;

/** A person opening a Free account from the sign-up page. */
public record SignUp(String email, String name, String password) {}
