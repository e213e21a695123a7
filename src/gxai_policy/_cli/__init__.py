"""
The command line's parts: input and output formats, reports, and the work spread over processes.

Private: `gxai_policy.cli` is the command line; nothing here is API.
"""
