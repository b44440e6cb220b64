/** What a canvas page needs besides its room. */
export type CanvasPage = {
  /** Not a secret: tldraw checks it in the browser, against the page's origin. */
  tldrawLicenseKey: string | null;
};
