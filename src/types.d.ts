// Templates are bundled as text by esbuild's text loader (and by the jest transform).
declare module "*.md" {
  const text: string;
  export default text;
}
