import JSZip from 'jszip';

/** The text of a .docx's word/document.xml, one line per paragraph (Word splits runs: read the text, not the markup). */
export async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<[^>]+>/g, '');
}
