/**
 * The Pod Security Standards' "restricted" profile (kubernetes.io/docs/concepts/security/
 * pod-security-standards, which includes every "baseline" control), as checks on a pod
 * spec: what the admission controller of a namespace labelled
 * pod-security.kubernetes.io/enforce=restricted would refuse, one line per violation.
 */

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  procMount?: string;
  seLinuxOptions?: { type?: string; user?: string; role?: string };
  appArmorProfile?: { type?: string };
  windowsOptions?: { hostProcess?: boolean };
  sysctls?: { name: string }[];
}

interface Container {
  name: string;
  ports?: { hostPort?: number }[];
  securityContext?: SecurityContext;
}

export interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext;
  containers: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Record<string, unknown>[];
}

/** Restricted: the only volume sources allowed. */
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
/** Baseline: the sysctls considered safe. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set([
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);

export function restrictedViolations(pod: PodSpec): string[] {
  const problems: string[] = [];
  const bad = (what: string) => problems.push(what);
  const podCtx = pod.securityContext ?? {};
  if (pod.hostNetwork) bad('hostNetwork');
  if (pod.hostPID) bad('hostPID');
  if (pod.hostIPC) bad('hostIPC');
  for (const volume of pod.volumes ?? []) {
    const source = Object.keys(volume).find((k) => k !== 'name');
    if (source === undefined || !RESTRICTED_VOLUMES.has(source))
      bad(`volume ${String(volume.name)}: type ${source} is not allowed`);
  }
  for (const sysctl of podCtx.sysctls ?? [])
    if (!SAFE_SYSCTLS.has(sysctl.name)) bad(`sysctl ${sysctl.name}`);
  problems.push(...contextViolations('pod', podCtx));

  const all = [
    ...pod.containers,
    ...(pod.initContainers ?? []),
    ...(pod.ephemeralContainers ?? []),
  ];
  for (const c of all) {
    const ctx = c.securityContext ?? {};
    const at = `container ${c.name}`;
    problems.push(...contextViolations(at, ctx));
    if (ctx.privileged) bad(`${at}: privileged`);
    if (ctx.allowPrivilegeEscalation !== false) bad(`${at}: allowPrivilegeEscalation is not false`);
    if (ctx.procMount !== undefined && ctx.procMount !== 'Default') bad(`${at}: procMount`);
    if (!(ctx.runAsNonRoot ?? podCtx.runAsNonRoot)) bad(`${at}: runAsNonRoot is not true`);
    if (!SECCOMP_TYPES.has(ctx.seccompProfile?.type ?? podCtx.seccompProfile?.type ?? ''))
      bad(`${at}: seccompProfile is not RuntimeDefault or Localhost`);
    if (!(ctx.capabilities?.drop ?? []).includes('ALL')) bad(`${at}: capabilities do not drop ALL`);
    for (const cap of ctx.capabilities?.add ?? [])
      if (cap !== 'NET_BIND_SERVICE') bad(`${at}: adds capability ${cap}`);
    for (const port of c.ports ?? []) if (port.hostPort) bad(`${at}: hostPort ${port.hostPort}`);
  }
  return problems;
}

/** The controls that apply alike to a pod's and to a container's security context. */
function contextViolations(at: string, ctx: SecurityContext): string[] {
  const problems: string[] = [];
  if (ctx.windowsOptions?.hostProcess) problems.push(`${at}: hostProcess`);
  if (ctx.runAsUser === 0) problems.push(`${at}: runAsUser 0`);
  if (ctx.seccompProfile?.type === 'Unconfined') problems.push(`${at}: seccomp Unconfined`);
  const appArmor = ctx.appArmorProfile?.type;
  if (appArmor !== undefined && !APPARMOR_TYPES.has(appArmor))
    problems.push(`${at}: AppArmor ${appArmor}`);
  const se = ctx.seLinuxOptions;
  if (se?.type !== undefined && !SELINUX_TYPES.has(se.type))
    problems.push(`${at}: SELinux type ${se.type}`);
  if (se?.user !== undefined || se?.role !== undefined)
    problems.push(`${at}: SELinux user or role`);
  return problems;
}
