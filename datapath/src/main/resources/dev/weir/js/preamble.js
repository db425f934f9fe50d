// Weir's preamble for a JavaScript program's context (an internal source: its statements are not
// counted and the debugger does not step into it). Evaluated once per context, before the
// program's module. Called with the host's JsEnv (the seeded random stream and the virtual clock
// of the run in progress) and the table of the program API's constants; returns the helpers the
// host uses. See JsSandbox.
(function (env, constants) {
    'use strict';
    const g = globalThis;

    // What no context option removes: escape hatches and sources of nondeterminism.
    for (const name of ['Java', 'Polyglot', 'Graal', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu',
                        'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit', 'read', 'readbuffer',
                        'readline', 'performance', 'SharedArrayBuffer', 'WebAssembly', 'Worker',
                        'WeakRef', 'FinalizationRegistry']) {
        delete g[name];
    }

    // Math.random: the host's seeded stream (bpf_get_prandom_u32 of the run's context).
    Object.defineProperty(Math, 'random', {
        value: function random() { return env.random(); },
        writable: true, configurable: true, enumerable: false,
    });

    // Date: the virtual clock. Date.now(), new Date() and Date() read the simulation's time;
    // dates built from arguments are ordinary dates. The real constructor stays reachable only
    // here: its prototype's constructor is the virtual one.
    const RealDate = Date;
    const VirtualDate = new Proxy(RealDate, {
        construct(target, args, newTarget) {
            return Reflect.construct(target, args.length === 0 ? [env.nowMs()] : args,
                                     newTarget === VirtualDate ? target : newTarget);
        },
        apply() {
            return new RealDate(env.nowMs()).toString();
        },
    });
    Object.defineProperty(RealDate, 'now', {
        value: function now() { return env.nowMs(); },
        writable: true, configurable: true, enumerable: false,
    });
    Object.defineProperty(RealDate.prototype, 'constructor', {
        value: VirtualDate, writable: true, configurable: true, enumerable: false,
    });
    g.Date = VirtualDate;

    // The program API's constants: XdpAction.DROP, EtherType.IPV4, MapFlags.NOEXIST, ...
    const groups = Object.create(null);
    for (let i = 0; i + 2 < constants.length; i += 3) {
        const group = constants[i];
        (groups[group] || (groups[group] = Object.create(null)))[constants[i + 1]] = constants[i + 2];
    }
    for (const group of Object.keys(groups)) {
        if (!(group in g)) {
            Object.defineProperty(g, group, {
                value: Object.freeze(groups[group]), writable: false, configurable: false, enumerable: false,
            });
        }
    }

    return {
        // The maps object handed to run: a frozen record of the program's maps by name.
        makeMaps(names, maps) {
            const o = Object.create(null);
            for (let i = 0; i < names.length; i++) {
                o[names[i]] = maps[i];
            }
            return Object.freeze(o);
        },
    };
})
