import { restrictedViolations, type PodSpec } from './support/pod-security';

const restricted = (): PodSpec => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'app',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

describe('Pod Security "restricted" checks', () => {
  it('accept a pod that meets the profile', () => {
    expect(restrictedViolations(restricted())).toEqual([]);
  });

  it('name every control a pod breaks', () => {
    const pod = restricted();
    pod.hostNetwork = true;
    pod.securityContext = { runAsUser: 0 };
    pod.volumes = [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }];
    pod.initContainers = [
      {
        name: 'init',
        ports: [{ hostPort: 80 }],
        securityContext: {
          allowPrivilegeEscalation: false,
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
          capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'NET_BIND_SERVICE'] },
        },
      },
    ];
    expect(restrictedViolations(pod)).toEqual([
      'hostNetwork',
      'volume docker: type hostPath is not allowed',
      'pod: runAsUser 0',
      'container app: runAsNonRoot is not true',
      'container app: seccompProfile is not RuntimeDefault or Localhost',
      'container init: adds capability NET_ADMIN',
      'container init: hostPort 80',
    ]);
  });

  it('want privilege escalation off and every capability dropped in each container', () => {
    const pod = restricted();
    pod.containers.push({ name: 'sidecar', securityContext: { privileged: true } });
    expect(restrictedViolations(pod)).toEqual([
      'container sidecar: privileged',
      'container sidecar: allowPrivilegeEscalation is not false',
      'container sidecar: capabilities do not drop ALL',
    ]);
  });
});
