"""numpy's percentiles (linear interpolation, the default) for the bootstrap's quantiles.

Reads JSON on stdin: {"values": [...], "quantiles": [...]} (quantiles in 0..1); prints the
list np.percentile(values, 100 * q) for each q.
"""
import json
import sys

import numpy as np

request = json.load(sys.stdin)
values = np.array(request["values"], dtype=float)
json.dump([float(np.percentile(values, 100 * q)) for q in request["quantiles"]], sys.stdout)
