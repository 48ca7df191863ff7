/**
 * The browser-tab icon: a watchtower (哨) in the console's header blue, drawn with paths only — no text, so it does
 * not depend on a CJK font. Served at /favicon.ico too, where browsers look without a <link rel="icon">.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1f4e8c"/>
<path d="M9 12h14l-2-5H11z" fill="#fff"/>
<path d="M12 13h8v12h-3v-5h-2v5h-3z" fill="#fff"/>
<circle cx="16" cy="9" r="1.3" fill="#e0463a"/>
</svg>
`;
