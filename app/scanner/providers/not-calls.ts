/**
 * Hosts that code names without calling a provider's API: content delivery networks, docs and
 * reference sites, package registries, code hosting, schema and standards sites. The catalog
 * generator (scripts/update-provider-catalog.ts) never takes them for a provider's API host,
 * whatever a directory lists as a server, and a test checks that the catalog holds none.
 */
export const NOT_CALLS: readonly RegExp[] = [
  // Content delivery networks and static asset hosts.
  /(^|\.)(jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|bootstrapcdn\.com|jquery\.com|cloudfront\.net|akamaihd\.net|akamaized\.net|fastly\.net|fastly\.com|edgecastcdn\.net|azureedge\.net|gstatic\.com|fonts\.googleapis\.com|ajax\.googleapis\.com|staticflickr\.com|imgix\.net|b-cdn\.net|cdn\.skypack\.dev|esm\.sh|ga\.jspm\.io)$/,
  /^(cdn|static|assets|img|images|media|fonts|js|css)\d*[.-]/,
  // Docs, reference and API-description sites.
  /^(docs|doc|developer|developers|dev-docs|devdocs|help|support|status|blog|www\.developer|reference|apidocs|api-docs)\./,
  /(^|\.)(readthedocs\.io|readthedocs\.org|readme\.io|gitbook\.io|swagger\.io|swaggerhub\.com|apiary\.io|apiary-mock\.com|stoplight\.io|postman\.com|getpostman\.com|apis\.guru|rapidapi\.com|mockapi\.io|mocky\.io|beeceptor\.com|requestbin\.com|httpbin\.org|webhook\.site|ngrok\.io|ngrok\.app)$/,
  // Package registries and their file hosts.
  /(^|\.)(npmjs\.org|npmjs\.com|yarnpkg\.com|pypi\.org|pythonhosted\.org|rubygems\.org|packagist\.org|maven\.org|mvnrepository\.com|gradle\.org|golang\.org|go\.dev|crates\.io|nuget\.org|docker\.io|docker\.com|ghcr\.io|quay\.io|gcr\.io|pkg\.dev|jfrog\.io|cocoapods\.org|pub\.dev|hex\.pm|cpan\.org|anaconda\.org|conda\.io)$/,
  // Code hosting (its API hosts are curated: api.github.com, gitlab.com/api).
  /(^|\.)(github\.com|githubusercontent\.com|github\.io|gitlab\.io|bitbucket\.io|sourceforge\.net|gitee\.io)$/,
  // Identifiers written as URLs: S3's ACL grantee groups (acs.amazonaws.com/groups/global/AllUsers).
  /^acs\.amazonaws\.com$/,
  // Standards, schemas and examples.
  /(^|\.)(w3\.org|schema\.org|json-schema\.org|xmlns\.com|purl\.org|ietf\.org|iana\.org|opensource\.org|creativecommons\.org|example\.com|example\.org|example\.net|apache\.org|mozilla\.org|wikipedia\.org)$/,
  // Placeholders directories use for a customer's own server, and demonstration servers.
  /(^|\.)(yourdomain|your-domain|yoursubdomain|your-subdomain|yourcompany|your-company|mycompany|my-company|company|domain|subdomain|host|hostname|server|tenant|instance|account|myaccount|acme|demo|mock|mockserver|petstore)\./,
];

export function isNotACall(host: string) {
  const bare = host.replace(/^\*\./, "").toLowerCase();
  return NOT_CALLS.some((rule) => rule.test(bare));
}

/** A host written as a placeholder for the reader's own ("your-endpoint.openai.azure.com", "<tenant>.auth0.com"). */
export function isPlaceholderHost(host: string) {
  return /^(your|my[-_]|example|sample|xxx|<|\[|\{|\$)|^[^.]*(-name|_name|placeholder)\./i.test(host);
}

/** A URL to a file a page or model reads (an image, a stylesheet, a document), not an API request. */
export function isStaticAsset(path: string) {
  return /\.(png|jpe?g|gif|webp|svg|ico|avif|bmp|tiff?|css|woff2?|ttf|otf|eot|mp4|webm|mov|mp3|wav|ogg|pdf|zip|tar|gz|csv|txt|md)$/i.test(
    path.replace(/[?#].*$/, ""),
  );
}
