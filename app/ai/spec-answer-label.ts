/** How answers written from the spec (AI off) are labelled, in the thread and in tests. */
export const AI_OFF_LABEL = "Generated from the OpenAPI spec, with AI off";
