package io.fillonce.sync.ops;

/** Why an operator gives up on a dead letter. */
record DiscardRequest(String reason) {
}
