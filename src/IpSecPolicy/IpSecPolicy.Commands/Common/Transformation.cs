using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Commands.Common;

/// <summary>Shared body of the text-form argument transformations: strings are parsed, objects pass.</summary>
internal static class Transformation
{
    public static object EachItem<T>(object inputData, Func<string, T> parse)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is string text)
        {
            return ParseOne(text, parse)!;
        }

        if (value is IEnumerable items and not string)
        {
            var result = new List<object>();
            foreach (var item in items)
            {
                var inner = item is PSObject p ? p.BaseObject : item;
                result.Add(inner is string s ? ParseOne(s, parse)! : inner);
            }

            return result.ToArray();
        }

        return value;
    }

    private static T ParseOne<T>(string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (PolicyException e)
        {
            // The binder wraps this into a ParameterBindingArgumentTransformationException with the reason.
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
