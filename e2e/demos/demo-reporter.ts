/**
 * Collects each story's video, chapters and screenshots into the demo's output
 * folder and writes index.html: each video beside its chapter list (click a step
 * to jump there) and the screenshots of its steps.
 */
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { spawnSync } from "node:child_process";
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

/** The story whose video becomes the README's animated tour. */
const TOUR_STORY = "first-delegation";

/**
 * With --readme: the pictures the README shows, made by the demo itself: the
 * steps marked `readme` as docs/demo/<name>.png and a short GIF tour from one
 * story's video (Debian's ffmpeg, two-pass palette for a small, clean file).
 */
function writeReadmePictures(entries: Entry[], outputDir: string, docsDir: string) {
  mkdirSync(docsDir, { recursive: true });
  for (const { story } of entries) {
    for (const step of story.steps) {
      if (step.readme) copyFileSync(path.join(outputDir, story.name, step.screenshot), path.join(docsDir, `${step.readme}.png`));
    }
  }
  const tour = entries.find((e) => e.story.name === TOUR_STORY && e.video);
  if (!tour?.video) return;
  const ffmpeg = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";
  const filter = "fps=5,scale=880:-1:flags=lanczos,split[a][b];[a]palettegen=max_colors=96[p];[b][p]paletteuse=dither=bayer:bayer_scale=4";
  const made = spawnSync(ffmpeg, ["-loglevel", "error", "-y", "-i", path.join(outputDir, tour.video), "-vf", filter, "-loop", "0", path.join(docsDir, "tour.gif")]);
  if (made.status !== 0) console.error(`Could not make the README tour GIF: ${made.stderr?.toString().slice(0, 500)}`);
}

export default class DemoReporter implements Reporter {
  private readonly entries: Entry[] = [];
  constructor(private readonly options: { outputDir: string; readmeDir?: string }) {}

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

  onEnd() {
    if (this.entries.length === 0) return;
    mkdirSync(this.options.outputDir, { recursive: true });
    const file = path.join(this.options.outputDir, "index.html");
    writeFileSync(file, renderIndex(this.entries, new Date().toISOString()));
    console.log(`\nDemo written to ${file}`);
    if (this.options.readmeDir) {
      writeReadmePictures(this.entries, this.options.outputDir, this.options.readmeDir);
      console.log(`README pictures written to ${this.options.readmeDir}`);
    }
  }
}
