import { segmentsOf, type Mentionable } from "./mentions";

/** A comment's text with its @mentions highlighted (yours more strongly). */
export function CommentText({
  body,
  members,
  me,
}: {
  body: string;
  members: readonly Mentionable[];
  me: string | null;
}) {
  return (
    <p className="comment-text">
      {segmentsOf(body, members).map((segment, i) =>
        segment.mention ? (
          <span key={i} className={`mention${segment.mention.id === me ? " mention-me" : ""}`}>
            {segment.text}
          </span>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
