import type { ReactNode } from "react";
import { parseRichText, type RichBlock, type RichInline } from "@/lib/questions/markdown";

/**
 * A question text in the small safe Markdown of lib/questions/markdown.ts,
 * rendered as React elements (never as HTML: anything that looks like a tag
 * is shown as typed). Only phrasing elements are used (lists are spans with
 * list roles), so it may sit inside a legend, a label or a paragraph.
 */
export function RichText({ text }: { text: string }) {
  const blocks = parseRichText(text);
  // A plain one-paragraph text renders as bare inline content, exactly as plain text did.
  if (blocks.length === 1 && blocks[0]!.type === "paragraph") return <>{renderInline(blocks[0]!.children)}</>;
  return <>{blocks.map((block, i) => renderBlock(block, i))}</>;
}

function renderBlock(block: RichBlock, key: number): ReactNode {
  if (block.type === "paragraph") {
    return (
      <span key={key} className="block [&:not(:first-child)]:mt-2">
        {renderInline(block.children)}
      </span>
    );
  }
  return (
    <span
      key={key}
      role="list"
      className={`block pl-6 [&:not(:first-child)]:mt-2 ${block.ordered ? "list-decimal" : "list-disc"}`}
      style={block.ordered ? { counterReset: `list-item ${block.start - 1}` } : undefined}
    >
      {block.items.map((item, i) => (
        <span key={i} role="listitem" className="list-item">
          {renderInline(item)}
        </span>
      ))}
    </span>
  );
}

function renderInline(nodes: RichInline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.value;
      case "break":
        return <br key={i} />;
      case "code":
        return (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] dark:bg-slate-800">
            {node.value}
          </code>
        );
      case "em":
        return <em key={i}>{renderInline(node.children)}</em>;
      case "strong":
        return <strong key={i}>{renderInline(node.children)}</strong>;
    }
  });
}
