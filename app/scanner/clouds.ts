import generated from "./providers/generated.json";
import type { Cloud, CodeLanguage, Ecosystem } from "./providers";

/**
 * Which service of a cloud (AWS, Google Cloud, Azure) a package, an import, a client
 * constructor or an endpoint host names: "@aws-sdk/client-s3", boto3.client("s3"),
 * "s3.eu-west-1.amazonaws.com" are all S3. Services are named as the clouds' own SDKs name
 * them (boto3's service names, Google's API service names, Azure's service short names), and
 * the spellings of the other SDKs are folded into those ("cloudwatch-logs" and
 * "CloudWatchLogs" are "logs"). AWS endpoint prefixes come from the APIs.guru directory
 * (./providers/generated.json), where they differ from the service name ("email" is SES).
 */
export type CloudService = { cloud: Cloud; service: string };

/** Spellings of one service across SDKs, to its one name (keys are lowercase without separators). */
const AWS_ALIASES: Record<string, string> = {
  cloudwatchlogs: "logs",
  logs: "logs",
  cognitoidentityprovider: "cognito-idp",
  cognitoidp: "cognito-idp",
  cognitoidentity: "cognito-identity",
  eventbridge: "events",
  cloudwatchevents: "events",
  events: "events",
  sfn: "stepfunctions",
  states: "stepfunctions",
  stepfunctions: "stepfunctions",
  sesv2: "ses",
  email: "ses",
  ses: "ses",
  bedrockruntime: "bedrock",
  bedrockagentruntime: "bedrock",
  bedrockagent: "bedrock",
  bedrock: "bedrock",
  sagemakerruntime: "sagemaker",
  runtimesagemaker: "sagemaker",
  sagemaker: "sagemaker",
  monitoring: "cloudwatch",
  cloudwatch: "cloudwatch",
  dynamodbstreams: "dynamodb",
  libdynamodb: "dynamodb",
  dynamodbv2: "dynamodb",
  dynamodb: "dynamodb",
  libstorage: "s3",
  s3requestpresigner: "s3",
  s3presignedpost: "s3",
  s3control: "s3control",
  s3: "s3",
  elasticloadbalancingv2: "elbv2",
  elasticloadbalancing: "elb",
  lambda: "lambda",
  lambdaclient: "lambda",
  kinesisfirehose: "firehose",
  firehose: "firehose",
  secretsmanager: "secretsmanager",
  apigatewaymanagementapi: "apigateway",
  apigatewayv2: "apigateway",
  apigateway: "apigateway",
  iotdataplane: "iot",
  iotdata: "iot",
  iot: "iot",
  a4b: "alexaforbusiness",
  aps: "amp",
  executeapi: "apigateway",
  awshealth: "health",
  health: "health",
  simpleemail: "ses",
  simpleemailservice: "ses",
  simpleemailservicev2: "ses",
  simpledb: "sdb",
  sdb: "sdb",
  textract: "textract",
  comprehend: "comprehend",
  rekognition: "rekognition",
  translate: "translate",
  polly: "polly",
  transcribe: "transcribe",
  transcribestreaming: "transcribe",
};

/** Plumbing of the SDKs, not a service: credentials, signing, middleware, types. */
const AWS_NOT_SERVICES = new Set([
  // The PHP SDK's own namespaces (Aws\Api, Aws\Exception, …) are plumbing, not services.
  "api",
  "exception",
  "credentials",
  "handler",
  "signature",
  "endpoint",
  "retry",
  "arn",
  "multipart",
  "result",
  "command",
  "credentialproviders",
  "credentialprovidernode",
  "credentialproviderini",
  "credentialproviderenv",
  "credentialprovidersso",
  "credentialproviderweb",
  "credentialproviderimds",
  "credentialprovidercognitoidentity",
  "types",
  "smithyclient",
  "signaturev4",
  "protocolhttp",
  "middlewarestack",
  "utilbase64",
  "utilutf8",
  "utildynamodb",
  "utilendpoints",
  "nodehttphandler",
  "fetchhttphandler",
  "core",
  "config",
  "configresolver",
  "hashnode",
  "urlparser",
  "abortcontroller",
  "sharedinifileloader",
  "clientstsv2",
  "util",
  "session",
  "client",
  "resource",
  "credentials",
  "auth",
  "exception",
  "exceptions",
  "regions",
  "internal",
  "awscore",
  "smithy",
  "sdk",
  "all",
  "aws",
  "aws4",
  "awssdk",
  "sigv4",
]);

const GCP_ALIASES: Record<string, string> = {
  kms: "cloudkms",
  tasks: "cloudtasks",
  scheduler: "cloudscheduler",
  functions: "cloudfunctions",
  build: "cloudbuild",
  resourcemanager: "cloudresourcemanager",
  errorreporting: "clouderrorreporting",
  trace: "cloudtrace",
  debugger: "clouddebugger",
  profiler: "cloudprofiler",
  asset: "cloudasset",
  billing: "cloudbilling",
  vertexai: "aiplatform",
  aiplatform: "aiplatform",
  bigquerystorage: "bigquery",
  bigquery: "bigquery",
  pubsublite: "pubsub",
  pubsub: "pubsub",
  sql: "sqladmin",
  sqlconnector: "sqladmin",
  cloudsqlpythonconnector: "sqladmin",
  texttospeech: "texttospeech",
  speech: "speech",
  translation: "translate",
  translate: "translate",
  dialogflowcx: "dialogflow",
  dialogflow: "dialogflow",
  firestoreadmin: "firestore",
  firestore: "firestore",
  ndb: "datastore",
  datastore: "datastore",
  storage: "storage",
  gcs: "storage",
  secretmanager: "secretmanager",
  logging: "logging",
  monitoring: "monitoring",
  generativeai: "generativelanguage",
  generativelanguage: "generativelanguage",
  genai: "generativelanguage",
  documentai: "documentai",
  vision: "vision",
  language: "language",
  videointelligence: "videointelligence",
  run: "run",
  bigtable: "bigtable",
  spanner: "spanner",
  redis: "redis",
  dns: "dns",
  compute: "compute",
  container: "container",
  iam: "iam",
  iamcredentials: "iamcredentials",
  recaptchaenterprise: "recaptchaenterprise",
  workflows: "workflows",
  dlp: "dlp",
  maps: "maps",
};

/** Google libraries that are not a Google API service: frameworks, plumbing, test helpers. */
const GCP_NOT_SERVICES = new Set([
  "core",
  "apicore",
  "common",
  "promisify",
  "paginator",
  "projectify",
  "precisedate",
  "testutils",
  "localauth",
  "functionsframework",
  "opentelemetrycloudtraceexporter",
  "opentelemetrycloudmonitoringexporter",
  "cloud",
  "auth",
  "api",
  "apis",
  "nodejscommon",
  "storagetransfer",
  "grpc",
  "protobuf",
]);

const AZURE_ALIASES: Record<string, string> = {
  storageblob: "blob",
  azblob: "blob",
  blob: "blob",
  storagequeue: "queue",
  azqueue: "queue",
  queue: "queue",
  storagefileshare: "file",
  storagefile: "file",
  azfile: "file",
  storagefiledatalake: "datalake",
  storagefiledatalakegen2: "datalake",
  azdatalake: "datalake",
  datatables: "tables",
  aztables: "tables",
  cosmos: "cosmos",
  azcosmos: "cosmos",
  cosmosdb: "cosmos",
  openai: "openai",
  azopenai: "openai",
  aiopenai: "openai",
  servicebus: "servicebus",
  azservicebus: "servicebus",
  messagingservicebus: "servicebus",
  eventhubs: "eventhubs",
  eventhub: "eventhubs",
  azeventhubs: "eventhubs",
  messagingeventhubs: "eventhubs",
  keyvaultsecrets: "keyvault",
  keyvaultkeys: "keyvault",
  keyvaultcertificates: "keyvault",
  azsecrets: "keyvault",
  azkeys: "keyvault",
  securitykeyvaultsecrets: "keyvault",
  securitykeyvaultkeys: "keyvault",
  appconfiguration: "appconfig",
  dataappconfiguration: "appconfig",
  searchdocuments: "search",
  search: "search",
  aiformrecognizer: "formrecognizer",
  aidocumentintelligence: "formrecognizer",
  aitextanalytics: "language",
  ailanguagetext: "language",
  aiinference: "aiinference",
  communicationemail: "communication",
  communicationsms: "communication",
  communicationidentity: "communication",
  monitorquery: "monitor",
  monitoropentelemetryexporter: "monitor",
  monitoropentelemetry: "monitor",
  cognitiveservicesspeechsdk: "speech",
  microsoftcognitiveservicesspeech: "speech",
  cognitiveservicesspeech: "speech",
};

const AZURE_NOT_SERVICES = new Set([
  "identity",
  "azidentity",
  "msalnode",
  "msalbrowser",
  "msal",
  "functions",
  "corerestpipeline",
  "coreauth",
  "corelro",
  "corepaging",
  "coreutil",
  "corexml",
  "coreclient",
  "corehttp",
  "corehttpcompat",
  "coretracing",
  "corelogger",
  "coreamqp",
  "azcore",
  "core",
  "logger",
  "abortcontroller",
  "common",
]);

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A service name as an SDK spells it, folded into the cloud's own name; null for SDK plumbing. */
export function normalizeService(cloud: Cloud, raw: string): string | null {
  const key = squash(raw);
  if (!key) return null;
  if (cloud === "aws") {
    if (AWS_NOT_SERVICES.has(key) || key.startsWith("credentialprovider") || key.startsWith("middleware")) return null;
    return AWS_ALIASES[key] ?? AWS_PREFIXES.get(key) ?? key;
  }
  if (cloud === "gcp") return GCP_NOT_SERVICES.has(key) ? null : (GCP_ALIASES[key] ?? key);
  if (AZURE_NOT_SERVICES.has(key) || key.startsWith("core")) return null;
  if (key.startsWith("arm") || key.startsWith("mgmt") || key.startsWith("resourcemanager")) return "management";
  return AZURE_ALIASES[key] ?? key;
}

/** AWS endpoint prefixes ("email", "runtime.sagemaker", "a4b") to service names, from the APIs.guru directory. */
const AWS_PREFIXES = new Map<string, string>();
for (const [service, hosts] of Object.entries(
  (generated.clouds as Record<string, Record<string, string[]>>).aws ?? {},
)) {
  for (const host of hosts) {
    const prefix = host.split(/\.\*|\*\.|\.amazonaws/)[0]!;
    if (prefix && !AWS_PREFIXES.has(squash(prefix)))
      AWS_PREFIXES.set(squash(prefix), AWS_ALIASES[squash(service)] ?? service);
  }
}

/** Other vendors' clients for a cloud's model service: Claude on Bedrock or Vertex AI, OpenAI on Azure. */
const THROUGH: Record<string, string> = {
  "@anthropic-ai/bedrock-sdk": "bedrock",
  "@ai-sdk/amazon-bedrock": "bedrock",
  "@langchain/aws": "bedrock",
  "langchain-aws": "bedrock",
  "anthropic.anthropicbedrock": "bedrock",
  "anthropic.asyncanthropicbedrock": "bedrock",
  langchain_aws: "bedrock",
  "@anthropic-ai/vertex-sdk": "aiplatform",
  "@ai-sdk/google-vertex": "aiplatform",
  "@langchain/google-vertexai": "aiplatform",
  "langchain-google-vertexai": "aiplatform",
  langchain_google_vertexai: "aiplatform",
  "anthropic.anthropicvertex": "aiplatform",
  "anthropic.asyncanthropicvertex": "aiplatform",
  vertexai: "aiplatform",
  "@azure/openai": "openai",
  "@ai-sdk/azure": "openai",
  "openai.azureopenai": "openai",
  "openai.asyncazureopenai": "openai",
  "langchain_openai.azurechatopenai": "openai",
  "langchain_openai.azureopenaiembeddings": "openai",
};

/** The service a package of a cloud's SDK is for: "@aws-sdk/client-s3", "google-cloud-storage", "azure-storage-blob". */
export function serviceOfPackage(cloud: Cloud, ecosystem: Ecosystem, name: string): string | null {
  const lower = name.toLowerCase();
  if (THROUGH[lower]) return THROUGH[lower]!;
  let match: RegExpExecArray | null = null;
  if (cloud === "aws") {
    match =
      /^@aws-sdk\/(?:client-)?(.+)$/.exec(lower) ??
      /^(?:aws-sdk|aioboto3|boto3-stubs|mypy-boto3)-(.+)$/.exec(lower) ??
      /^github\.com\/aws\/aws-sdk-go(?:-v2)?\/service\/([^/]+)/.exec(lower) ??
      /^software\.amazon\.awssdk:(.+)$/.exec(lower) ??
      /^com\.amazonaws:aws-java-sdk-(.+)$/.exec(lower);
    if (lower === "@aws-sdk/lib-dynamodb") return "dynamodb";
  } else if (cloud === "gcp") {
    match =
      /^@google-cloud\/(.+)$/.exec(lower) ??
      /^google-cloud-(.+)$/.exec(lower) ??
      /^cloud\.google\.com\/go\/([^/]+)/.exec(lower) ??
      /^com\.google\.cloud:google-cloud-(.+)$/.exec(lower) ??
      /^google\/cloud-(.+)$/.exec(lower);
  } else {
    match =
      /^@azure\/(.+)$/.exec(lower) ??
      /^azure-(.+)$/.exec(lower) ??
      /^github\.com\/azure\/azure-sdk-for-go\/sdk\/(?:[^/]+\/)*?(az[a-z]+)(?:$|\/)/.exec(lower) ??
      /^github\.com\/azure\/azure-sdk-for-go\/sdk\/resourcemanager\//.exec(lower) ??
      /^com\.azure:azure-(.+)$/.exec(lower) ??
      /^microsoft\/azure-(.+)$/.exec(lower) ??
      /^(microsoft-cognitiveservices-speech-sdk)$/.exec(lower) ??
      /^(azure\.ai\.openai|azure\.storage\.blob)$/.exec(lower);
    if (lower.includes("/resourcemanager/")) return "management";
  }
  void ecosystem;
  return match?.[1] ? normalizeService(cloud, match[1]) : null;
}

/** The service a code import names: "boto3" names none, "google.cloud.storage", "software.amazon.awssdk.services.s3", "Aws\\S3", "com.azure.storage.blob" do. */
export function serviceOfImport(cloud: Cloud, language: CodeLanguage, spec: string): string | null {
  if (language === "js" || language === "go") {
    const pkg = language === "js" ? jsPackage(spec) : spec;
    if (language === "js" && cloud === "aws") {
      const v2 = /^aws-sdk\/clients\/([a-z0-9]+)/.exec(spec);
      if (v2) return normalizeService("aws", v2[1]!);
    }
    return serviceOfPackage(cloud, language === "js" ? "npm" : "go", pkg);
  }
  const through = THROUGH[spec.toLowerCase()] ?? THROUGH[spec.toLowerCase().split(".").slice(0, 2).join(".")];
  if (through) return through;
  const parts = spec.split(language === "php" ? "\\" : language === "ruby" ? "/" : ".");
  const after = (prefix: string[]) => {
    const lower = parts.map((p) => p.toLowerCase());
    for (let i = 0; i + prefix.length < lower.length; i++)
      if (prefix.every((p, j) => lower[i + j] === p)) return parts[i + prefix.length]!;
    return null;
  };
  let raw: string | null = null;
  if (cloud === "aws") {
    raw =
      after(["software", "amazon", "awssdk", "services"]) ??
      after(["com", "amazonaws", "services"]) ??
      (language === "php" ? after(["aws"]) : null) ??
      (language === "ruby" ? (/^aws-sdk-(.+)$/.exec(spec)?.[1] ?? null) : null);
  } else if (cloud === "gcp") {
    raw =
      after(["google", "cloud"]) ??
      (language === "python" && parts[0] === "vertexai" ? "aiplatform" : null) ??
      (language === "ruby" ? (/^google\/cloud\/(.+)$/.exec(spec)?.[1] ?? null) : null);
  } else {
    raw = after(["com", "azure"]) ?? after(["azure"]) ?? after(["microsoftazure"]);
    // Python's and Java's "azure.storage.blob": the service is two levels down.
    if (raw && ["storage", "ai", "data", "messaging", "security"].includes(raw.toLowerCase())) {
      const next = after(language === "java" ? ["com", "azure", raw] : ["azure", raw]);
      if (next) raw = `${raw}${next}`;
    }
    if (raw && raw.toLowerCase() === "keyvault") raw = "keyvaultsecrets";
  }
  return raw ? normalizeService(cloud, raw) : null;
}

function jsPackage(spec: string) {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Data-plane hosts of Azure services; the management plane is "management". */
const AZURE_HOSTS: [RegExp, string][] = [
  [/\.blob\.core\.windows\.net$/, "blob"],
  [/\.queue\.core\.windows\.net$/, "queue"],
  [/\.table\.core\.windows\.net$/, "tables"],
  [/\.file\.core\.windows\.net$/, "file"],
  [/\.dfs\.core\.windows\.net$/, "datalake"],
  [/\.documents\.azure\.com$/, "cosmos"],
  [/\.openai\.azure\.com$/, "openai"],
  [/\.vault\.azure\.net$/, "keyvault"],
  [/\.servicebus\.windows\.net$/, "servicebus"],
  [/\.search\.windows\.net$/, "search"],
  [
    /\.cognitiveservices\.azure\.com$|\.api\.cognitive\.microsoft\.com$|\.cognitive\.microsoft\.com$/,
    "cognitiveservices",
  ],
  [/\.services\.ai\.azure\.com$|\.inference\.ai\.azure\.com$|\.models\.ai\.azure\.com$/, "aiinference"],
  [/\.azconfig\.io$/, "appconfig"],
  [/\.database\.windows\.net$/, "sql"],
  [/\.communication\.azure\.com$/, "communication"],
  [/^management\.azure\.com$|^management\.core\.windows\.net$/, "management"],
];

/**
 * The cloud service an endpoint belongs to, if it is one. Most clouds name the service in the
 * host; Google's older APIs share www.googleapis.com and name it in the first path segment
 * ("/drive/v3", "/oauth2/v3/userinfo"), and Google sign-in lives on accounts.google.com.
 */
export function serviceOfHost(host: string, path = "/"): CloudService | null {
  const h = host.toLowerCase();
  if (h === "accounts.google.com") return { cloud: "gcp", service: "oauth2" };
  if (h === "www.googleapis.com") {
    const first = path.split("/")[1]?.toLowerCase() ?? "";
    // "/auth/drive.readonly" is an OAuth scope's name, not a request to an API.
    if (!/^[a-z][a-z0-9]+$/.test(first) || first === "auth") return null;
    const name = normalizeService("gcp", first);
    return name ? { cloud: "gcp", service: name } : null;
  }
  if (/\.amazonaws\.com(\.cn)?$/.test(h)) {
    const labels = h.replace(/\.amazonaws\.com(\.cn)?$/, "").split(".");
    // bucket.s3.region, s3-region, s3.dualstack.region, runtime.sagemaker.region, bedrock-runtime.region
    const s3 = labels.findIndex((l) => l === "s3" || /^s3[-.]/.test(l) || l.startsWith("s3-"));
    if (s3 >= 0) return { cloud: "aws", service: "s3" };
    const first = labels[0] === "api" || labels[0] === "runtime" ? `${labels[0]}.${labels[1]}` : labels[0]!;
    const service = AWS_PREFIXES.get(squash(first)) ?? normalizeService("aws", first.replace(/-fips$/, ""));
    return service ? { cloud: "aws", service } : null;
  }
  if (h.endsWith(".googleapis.com")) {
    const first = h.slice(0, -".googleapis.com".length).split(".").at(-1)!;
    // "us-central1-aiplatform": a regional endpoint.
    const service = first.replace(/^[a-z]+-[a-z]+\d+-/, "");
    if (service === "www" || service === "content") return null;
    const name = normalizeService("gcp", service);
    return name ? { cloud: "gcp", service: name } : null;
  }
  for (const [pattern, service] of AZURE_HOSTS) if (pattern.test(h)) return { cloud: "azure", service };
  return null;
}

/**
 * Client constructors that name their service in code: boto3.client("s3"), new AWS.S3(),
 * Aws::S3::Client, $sdk->createS3(), Google::Cloud::Storage.new. Looked for only in files
 * that already use the cloud's SDK.
 */
const CONSTRUCTORS: Record<Cloud, Partial<Record<CodeLanguage, RegExp[]>>> = {
  aws: {
    // boto3.client("s3"), and the helpers built on it (Netflix cloudaux's boto3_cached_conn("iam"), @sts_conn("iam")).
    python: [
      /\b(?:client|resource)\(\s*(?:service_name\s*=\s*)?['"]([a-z0-9-]+)['"]/g,
      /\b(?:boto3_cached_conn|sts_conn)\(\s*(?:service\s*=\s*)?['"]([a-z0-9-]+)['"]/g,
    ],
    js: [
      /\bnew\s+(?:AWS|aws)\.([A-Z][A-Za-z0-9]+)(?:\.DocumentClient)?\s*\(/g,
      /\b([A-Z][A-Za-z0-9]+)Client\b(?=[^;\n]*from\s+['"]@aws-sdk)/g,
    ],
    ruby: [/\bAws::([A-Z][A-Za-z0-9]+)::(?:Client|Resource|Presigner|Bucket|Object)\b/g],
    php: [/->create([A-Z][A-Za-z0-9]+)\s*\(/g, /\bnew\s+\\?(?:Aws\\[A-Za-z0-9]+\\)?([A-Z][A-Za-z0-9]+)Client\s*\(/g],
    go: [/\b([a-z0-9]+)\.New(?:FromConfig)?\(\s*(?:sess|cfg|awsCfg|awsConfig|config|session)/g],
  },
  gcp: {
    ruby: [/\bGoogle::Cloud::([A-Z][A-Za-z0-9]+)\b/g, /\bGoogle::Cloud\.([a-z_]+)\b/g],
    js: [/\bnew\s+(VertexAI)\s*\(/g],
    python: [/\b(vertexai)\.init\(/g, /\bgenai\.Client\([^)]*\bvertexai\s*=\s*True/g],
  },
  azure: {},
};

export function serviceConstructors(cloud: Cloud, language: CodeLanguage) {
  return CONSTRUCTORS[cloud][language] ?? [];
}

/** A constructor's captured name as a service name ("DynamoDB" → "dynamodb", "genai.Client(vertexai=True" → "aiplatform"). */
export function serviceOfConstructor(cloud: Cloud, captured: string): string | null {
  if (cloud === "gcp" && (captured === "VertexAI" || captured === "vertexai" || captured.startsWith("genai")))
    return "aiplatform";
  if (cloud === "aws" && captured === "CognitoIdentityServiceProvider") return "cognito-idp";
  const name = normalizeService(cloud, captured);
  // Constructor patterns are broad (PHP's "->createS3(" is also "->createPresignedRequest("):
  // for AWS, only a service the directory knows is one.
  if (cloud === "aws" && name && !awsServices().has(squash(name))) return null;
  return name;
}

let knownAws: Set<string> | undefined;
function awsServices() {
  knownAws ??= new Set(
    [
      ...Object.keys((generated.clouds as Record<string, Record<string, string[]>>).aws ?? {}),
      ...Object.values(AWS_ALIASES),
      ...AWS_PREFIXES.values(),
    ].map(squash),
  );
  return knownAws;
}
