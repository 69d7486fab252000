using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Common;

/// <summary>
/// Lets a -Policy parameter take Policy objects (Get-IpSecPolicy output) as well as names: each
/// Policy becomes its name, anything else passes unchanged to the usual conversion.
/// </summary>
public sealed class PolicyNameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case Policy policy:
                return policy.Name;
            case IEnumerable items and not string:
                var names = new List<object?>();
                foreach (var item in items)
                {
                    var inner = item is PSObject p ? p.BaseObject : item;
                    names.Add(inner is Policy each ? each.Name : inner);
                }

                return names.ToArray();
            default:
                return inputData;
        }
    }
}
