"""Runs GNPy's own transmission example from a source checkout and prints per-channel GSNR as JSON.

Usage: GNPY_SRC=/path/to/oopt-gnpy python3 bench/optical-gnpy.py TOPOLOGY EQUIPMENT [SOURCE DESTINATION] [--pow DBM]
Nothing of GNPy is committed here: this file only drives it. The libyang binding (a compiled wheel that does not
install here) is replaced by a stand-in and GNPy's YANG validation of its inputs is skipped; propagation is untouched.
"""
import io
import json
import os
import re
import sys
import types
from contextlib import redirect_stdout

sys.path.insert(0, os.environ['GNPY_SRC'])
os.environ.setdefault('PBR_VERSION', '0.0.0')
stub = types.ModuleType('oopt_gnpy_libyang')
stub.__getattr__ = lambda name: type(name, (), {})
sys.modules['oopt_gnpy_libyang'] = stub

import gnpy.tools.yang_convert_utils as yang_utils  # noqa: E402

yang_utils.load_data = lambda *args, **kwargs: None
import gnpy.tools.convert_legacy_yang as legacy  # noqa: E402

legacy.load_data = yang_utils.load_data
from gnpy.tools.cli_examples import transmission_main_example  # noqa: E402

topology, equipment, *extra = sys.argv[1:]
positional = [a for a in extra if not a.startswith('-') and not a.lstrip('-').replace('.', '', 1).isdigit()]
options = [a for a in extra if a not in positional]
os.chdir(os.environ['GNPY_SRC'])
out = io.StringIO()
with redirect_stdout(out):
    transmission_main_example([topology, *positional, '-e', equipment, '--show-channels', *options])
text = re.sub(r'\x1b\[[0-9;]*m', '', out.getvalue())
# --show-channels columns: channel, frequency (THz), power (dBm), OSNR ASE, SNR NLI, GSNR (all in the signal bandwidth, dB)
rows = re.findall(r'^\s*(\d+)\s+(19\d\.\d+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*$', text, re.M)
final = re.findall(r'Transceiver [^\n]+\n((?:  .*\n)+)', text)
print(json.dumps({'channels': [{'channel': int(r[0]), 'frequencyThz': float(r[1]), 'powerDbm': float(r[2]), 'osnrAseSignalBandwidthDb': float(r[3]), 'snrNliSignalBandwidthDb': float(r[4]), 'gsnrSignalBandwidthDb': float(r[5])} for r in rows],
                  'receiver': final[-1] if final else None}))
