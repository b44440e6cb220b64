import type { DocumentKind } from "~/generated/prisma/enums";

export const DOCUMENT_KINDS = ["REQUEST", "AI", "CANVAS", "APPROVALS"] as const satisfies readonly DocumentKind[];

export const KIND_COPY: Record<DocumentKind, { label: string; plural: string; blurb: string; icon: string }> = {
  REQUEST: { label: "Request", plural: "API requests", blurb: "Build and send an API call together.", icon: "⇄" },
  AI: { label: "AI chat", plural: "AI chats", blurb: "Ask Claude to write, explain or debug API code.", icon: "✦" },
  CANVAS: {
    label: "Cost canvas",
    plural: "Cost canvases",
    blurb: "Lay out what your APIs cost and discuss it.",
    icon: "▦",
  },
  APPROVALS: {
    label: "Approval board",
    plural: "Approval boards",
    blurb: "Review requests for new APIs and spend.",
    icon: "✓",
  },
};
