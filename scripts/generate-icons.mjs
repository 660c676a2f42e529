/**
 * node scripts/generate-icons.mjs — renders public/icon.svg (the source, drawn
 * by hand) into the PNG icons and favicon.ico that public/ ships. Run after
 * changing the SVG; the outputs are committed. sharp comes with Next.js.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const pub = path.join(import.meta.dirname, "..", "public");
const svg = await readFile(path.join(pub, "icon.svg"));

/** The SVG at `size` px, rendered at twice the density for crisp edges. */
const png = (size) => sharp(svg, { density: Math.ceil((72 * size * 2) / 64) }).resize(size, size).png().toBuffer();

for (const [name, size] of [["apple-touch-icon.png", 180], ["icon-192.png", 192], ["icon-512.png", 512]]) {
  await writeFile(path.join(pub, name), await png(size));
}

/**
 * favicon.ico with PNG-compressed 16, 32 and 48 px images (the ICO layout every
 * browser since IE 9 reads): a 6-byte header, a 16-byte entry per image, then the images.
 */
const sizes = [16, 32, 48];
const images = await Promise.all(sizes.map(png));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((size, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(size, entry); // width
  header.writeUInt8(size, entry + 1); // height
  header.writeUInt8(0, entry + 2); // no palette
  header.writeUInt8(0, entry + 3); // reserved
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(images[i].length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += images[i].length;
});
await writeFile(path.join(pub, "favicon.ico"), Buffer.concat([header, ...images]));
console.log("public/: apple-touch-icon.png, icon-192.png, icon-512.png, favicon.ico");
