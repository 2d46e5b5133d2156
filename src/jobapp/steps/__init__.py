"""Pipeline steps: one module per step, each a pure core plus a thin runner that loads/stores."""
