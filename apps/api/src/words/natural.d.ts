// natural's index loads every module it has, including its classifiers, whose dependency
// (sylvester) replaces Math.sign with one that returns 1 for 0, for the whole process; that
// breaks Mann–Kendall in packages/stats. text.ts therefore imports the three modules it uses
// directly; these declarations type them.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  const tokenizers: { WordTokenizer: new () => { tokenize(text: string): string[] } };
  export default tokenizers;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}
