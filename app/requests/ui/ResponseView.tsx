import { json } from "@codemirror/lang-json";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import type { SentResponse } from "../room-types";
import { ResponsePanel, type BodyViewer } from "./ResponsePanel";

const EditorBody: BodyViewer = ({ text, contentType }) => (
  <CodeMirror
    value={text}
    editable={false}
    readOnly
    extensions={[...(/json/.test(contentType) ? [json()] : []), EditorView.lineWrapping]}
    basicSetup={{ lineNumbers: true, foldGutter: true, highlightActiveLine: false }}
    maxHeight="480px"
    aria-label="Response body"
  />
);

/** The last response as everyone in the room sees it, its body in a read-only editor (folding, highlighting). */
export function ResponseView({ response, sending }: { response: SentResponse | null; sending?: string | null }) {
  return <ResponsePanel response={response} sending={sending} Body={EditorBody} />;
}
