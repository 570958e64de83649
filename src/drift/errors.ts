/** Invalid drift request: a method, option or value that cannot apply to a feature. The API maps it to HTTP 400. */
export class DriftInputError extends Error {
  /** Feature the error is about; null when it concerns the whole request. */
  readonly feature: string | null;

  constructor(feature: string | null, message: string) {
    super(message);
    this.name = 'DriftInputError';
    this.feature = feature;
  }
}
