package io.cairn.nbd;

/** One entry of NBD_OPT_LIST: the export name a client passes to NBD_OPT_GO and a description. */
public record ExportListing(String name, String description) {}
