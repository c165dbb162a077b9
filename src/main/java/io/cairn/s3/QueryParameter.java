package io.cairn.s3;

/**
 * One query parameter as received ({@code raw*}, for signing) and decoded. A bare name like
 * {@code ?uploads} has an empty value.
 */
public record QueryParameter(String rawName, String rawValue, String name, String value) {}
