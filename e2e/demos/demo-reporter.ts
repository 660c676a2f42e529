/**
 * Collects each story's video, chapters and screenshots into the demo's output
 * folder and writes index.html: each video beside its chapter list (click a step
 * to jump there) and the screenshots of its steps.
 */
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StoryRecord } from "./narrator";

type Entry = { story: StoryRecord; video: string | null; ok: boolean };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderIndex(entries: Entry[], generatedAt: string): string {
  const sections = entries.map(({ story, video, ok }) => {
    const chapters = story.steps
      .map((s) => `<li><button type="button" data-at="${s.atSeconds}">${s.atSeconds.toFixed(1)} s · ${escapeHtml(s.title)}</button><p>${escapeHtml(s.caption)}</p></li>`)
      .join("\n");
    const shots = story.steps
      .map((s) => `<figure><a href="${story.name}/${s.screenshot}"><img src="${story.name}/${s.screenshot}" alt="${escapeHtml(s.title)}" loading="lazy"></a><figcaption>${escapeHtml(s.title)}</figcaption></figure>`)
      .join("\n");
    return `<section id="${story.name}">
<h2>${escapeHtml(story.title)}${ok ? "" : " (failed)"}</h2>
<p>${escapeHtml(story.summary)}</p>
<div class="player">${video ? `<video controls preload="metadata" src="${video}"></video>` : "<p>No video.</p>"}<ol class="chapters">${chapters}</ol></div>
<div class="shots">${shots}</div>
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Agent Portfolio Console — demos</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#0f172a}
h1{font-size:24px}section{border-top:1px solid #e2e8f0;padding:16px 0}
.player{display:grid;grid-template-columns:minmax(0,3fr) minmax(220px,1fr);gap:16px;align-items:start}
video{width:100%;border-radius:8px;background:#000}
.chapters{margin:0;padding-left:20px}.chapters button{font:inherit;font-weight:600;background:none;border:0;padding:0;color:#1d4ed8;cursor:pointer;text-align:left}
.chapters p{margin:0 0 8px;color:#475569;font-size:13px}
.shots{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;margin-top:12px}
figure{margin:0}img{width:100%;border:1px solid #e2e8f0;border-radius:6px}figcaption{font-size:13px;color:#475569}
@media (max-width:700px){.player{grid-template-columns:1fr}}
</style></head>
<body><h1>Agent Portfolio Console — demos</h1><p>Recorded by <code>npm run demo</code> on ${escapeHtml(generatedAt)}.</p>
${sections.join("\n")}
<script>
document.querySelectorAll("section").forEach(function (s) {
  var v = s.querySelector("video");
  s.querySelectorAll("[data-at]").forEach(function (b) {
    b.addEventListener("click", function () { if (v) { v.currentTime = Number(b.dataset.at); v.play(); } });
  });
});
</script></body></html>
`;
}

export default class DemoReporter implements Reporter {
  private readonly entries: Entry[] = [];
  constructor(private readonly options: { outputDir: string }) {}

  onTestEnd(_test: TestCase, result: TestResult) {
    const storyAttachment = result.attachments.find((a) => a.name === "story" && a.body);
    if (!storyAttachment?.body) return;
    const story = JSON.parse(storyAttachment.body.toString()) as StoryRecord;
    const dir = path.join(this.options.outputDir, story.name);
    mkdirSync(dir, { recursive: true });
    const video = result.attachments.find((a) => a.name === "video" && a.path && existsSync(a.path));
    let videoPath: string | null = null;
    if (video?.path) {
      copyFileSync(video.path, path.join(dir, `${story.name}.webm`));
      videoPath = `${story.name}/${story.name}.webm`;
    }
    this.entries.push({ story, video: videoPath, ok: result.status === "passed" });
  }

  onEnd(_result: FullResult) {
    if (this.entries.length === 0) return;
    mkdirSync(this.options.outputDir, { recursive: true });
    const file = path.join(this.options.outputDir, "index.html");
    writeFileSync(file, renderIndex(this.entries, new Date().toISOString()));
    console.log(`\nDemo written to ${file}`);
  }
}
