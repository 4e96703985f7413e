// opencc-js ships its dictionaries as modules without types: each is one string, "s t1 t2|…".
declare module "opencc-js/dict/STCharacters" {
  const table: string;
  export default table;
}
